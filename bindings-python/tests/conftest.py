"""Counts the bad-input matrix (vectors/bad_input.json) by class, for the test command's
output: a class passes when every case of it that runs in Python passed."""

from collections import defaultdict

_TALLY = defaultdict(lambda: {"cases": 0, "passed": 0, "skipped": 0})


def _class_of(nodeid):
    # test_vectors.py::test_vector[bad_input.json:B07 non-integer survey answer: NPS 7.5]
    marker = "[bad_input.json:"
    return nodeid.split(marker, 1)[1].split(" ", 1)[0] if marker in nodeid else None


def pytest_runtest_logreport(report):
    cls = _class_of(report.nodeid)
    if cls is None:
        return
    tally = _TALLY[cls]
    if report.when == "setup":
        tally["cases"] += 1
        if report.skipped:
            tally["skipped"] += 1
    elif report.when == "call" and report.passed:
        tally["passed"] += 1


def pytest_terminal_summary(terminalreporter):
    if not _TALLY:
        return
    ran = [t for t in _TALLY.values() if t["passed"] + t["skipped"] == t["cases"] and t["passed"]]
    cases = sum(t["cases"] - t["skipped"] for t in _TALLY.values())
    passed = sum(t["passed"] for t in _TALLY.values())
    skipped = sum(t["skipped"] for t in _TALLY.values())
    terminalreporter.write_line(
        f"bad_input (python): {len(ran)} of {len(_TALLY)} classes, {passed} of {cases} cases passed"
        f" ({skipped} skipped: no Python form)"
    )
