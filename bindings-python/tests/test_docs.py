"""Runs the Python examples of the docs: every ```python block of docs/quickstart-python.md and
of every docs/guide-*.md (the fence convention is in docs/README.md).

The blocks of one page run in order, in one namespace (a block may use what the blocks before
it defined), with the page's line numbers in tracebacks. A line `print(...)  # output` says
what it prints: the test checks that the block printed each such `output` as a whole line, in
the order of the lines, so a printed value that is wrong fails."""

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
QUICKSTART = "quickstart-python.md"
GUIDES = sorted(p.name for p in DOCS.glob("guide-*.md"))
FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$")
PRINTED = re.compile(r"^\s*print\(.*\)\s+# (.+?)\s*$")
PRINT = re.compile(r"^\s*print\(")


def fenced_blocks(markdown):
    """(info string, first code line number, code) of every fenced block of a Markdown text."""
    blocks, open_ = [], None
    for number, line in enumerate(markdown.split("\n"), 1):
        fence = FENCE.match(line)
        if open_ is None:
            if fence:
                open_ = (fence.group(1), fence.group(2), number + 1, [])
        elif fence and fence.group(1).startswith(open_[0]) and fence.group(2) == "":
            blocks.append((open_[1], open_[2], "\n".join(open_[3]) + "\n"))
            open_ = None
        else:
            open_[3].append(line)
    assert open_ is None, f"a fence opened on line {open_[2] - 1} is never closed"
    return blocks


def python_blocks(name, docs=DOCS):
    """(first line, code) of the ```python blocks of docs/<name>."""
    markdown = (docs / name).read_text(encoding="utf-8")
    return [(line, code) for info, line, code in fenced_blocks(markdown) if info.split()[:1] == ["python"]]


def expected_prints(code):
    return [m.group(1) for m in map(PRINTED.match, code.splitlines()) if m]


def unchecked_prints(code):
    """The print lines that do not say what they print."""
    return [line for line in code.splitlines() if PRINT.match(line) and not PRINTED.match(line)]


def run_page(name, docs=DOCS):
    namespace = {"__name__": f"docs.{name}"}
    for line, code in python_blocks(name, docs):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            # Padding with newlines keeps the page's line numbers in tracebacks.
            exec(compile("\n" * (line - 1) + code, str(docs / name), "exec"), namespace)
        printed = iter(out.getvalue().splitlines())
        for expected in expected_prints(code):
            # `in` on an iterator consumes it up to the match: the outputs must come in order.
            assert expected in printed, (
                f"{name}:{line - 1}: the doc says {expected!r} is printed "
                f"(after the lines before it); it printed {out.getvalue().splitlines()}"
            )


def test_quickstart_runs():
    assert len(python_blocks(QUICKSTART)) >= 5, f"expected the quickstart's python blocks in {DOCS / QUICKSTART}"
    run_page(QUICKSTART)


@pytest.mark.parametrize("name", GUIDES)
def test_guide_runs(name):
    blocks = python_blocks(name)
    assert blocks, f"docs/{name} has no ```python example"
    for line, code in blocks:
        assert not unchecked_prints(code), f"{name}:{line - 1}: in a guide, every print says what it prints: {unchecked_prints(code)}"
    run_page(name)


def test_there_are_guides():
    assert len(GUIDES) >= 6, GUIDES


def test_every_guide_has_an_example_in_every_language():
    """The Rust blocks run as doctests, so each guide must also be attached to a core module."""
    core = Path(__file__).resolve().parent.parent.parent / "core" / "src"
    attached = "\n".join(p.read_text(encoding="utf-8") for p in core.rglob("*.rs"))
    for name in GUIDES:
        infos = [info.split() for info, _, _ in fenced_blocks((DOCS / name).read_text(encoding="utf-8"))]
        for label, wanted in [
            ("rust", lambda i: i[:1] == ["rust"]),
            ("python", lambda i: i[:1] == ["python"]),
            ("js (Node)", lambda i: i == ["js"]),
            ("js browser", lambda i: i == ["js", "browser"]),
        ]:
            assert any(map(wanted, infos)), f"docs/{name} has no ```{label} example"
        assert re.search(r'include_str!\("(\.\./)+docs/' + re.escape(name) + r'"\)', attached), (
            f"docs/{name} is not attached to a core module with #[doc = include_str!(...)], so its Rust "
            "example does not run"
        )


def test_the_block_reader_and_the_print_check():
    md = "```python\na = 1\n```\n```pythonx\nb\n```\n````python\nc\n```\nd\n````\n```js browser\ne\n```\n"
    assert [(i, n, c) for i, n, c in fenced_blocks(md)] == [
        ("python", 2, "a = 1\n"),
        ("pythonx", 5, "b\n"),
        ("python", 8, "c\n```\nd\n"),
        ("js browser", 13, "e\n"),
    ]
    code = 'print(1)  # 1\nprint(2)\n    print("x", y)   # x 3  \nprint(3)\n# 3\n'
    assert expected_prints(code) == ["1", "x 3"]
    assert unchecked_prints(code) == ["print(2)", "print(3)"]


def test_a_wrong_printed_value_fails(tmp_path):
    page = "```python\nx = [1, 2]\nprint(x)   # [1, 2]\n```\ntext\n```python\nprint(len(x))   # {}\nprint('b')   # b\n```\n"
    (tmp_path / "ok.md").write_text(page.format(2), encoding="utf-8")
    run_page("ok.md", tmp_path)
    (tmp_path / "wrong.md").write_text(page.format(3), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"wrong.md:6: the doc says '3' is printed"):
        run_page("wrong.md", tmp_path)
    (tmp_path / "order.md").write_text(page.format(2).replace("print('b')   # b", "print('b')   # 2"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"order.md:6: the doc says '2' is printed"):
        run_page("order.md", tmp_path)
