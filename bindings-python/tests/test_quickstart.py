"""Runs every ```python block of docs/quickstart-python.md, in order, in one namespace, and
checks that each `print(...)  # output` line of the doc really printed `output`."""

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "quickstart-python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PRINTED = re.compile(r"^\s*print\(.*\)\s+# (.+?)\s*$", re.M)


def blocks():
    found = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(found) >= 5, f"expected the quickstart's python blocks in {DOC}"
    return found


def test_quickstart_runs():
    namespace = {"__name__": "quickstart"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, code in enumerate(blocks(), 1):
            exec(compile(code, f"{DOC.name}[block {i}]", "exec"), namespace)
    printed = out.getvalue().splitlines()
    for code in blocks():
        for expected in PRINTED.findall(code):
            assert expected in printed, f"the doc says {expected!r} is printed; got {printed}"
