"""The stub (python/touchpoint/__init__.pyi) against the installed compiled module, so that
drift fails: `mypy.stubtest` checks every runtime name, signature and parameter name against
it (stub-only names are marked @type_check_only or listed in stubtest-allowlist.txt), and mypy
checks a usage file (typing_usage.py) that must type-check through the stub."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "stubtest-mypy.ini"
ALLOWLIST = HERE.parent / "stubtest-allowlist.txt"


def run(*args):
    # From a directory with no `touchpoint` in it, so the installed package is checked; mypy's
    # cache goes to a temporary directory, not into the repository.
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, MYPY_CACHE_DIR=cache)
        out = subprocess.run([sys.executable, "-m", *args], cwd=HERE, env=env, capture_output=True, text=True)
    return out.returncode, out.stdout + out.stderr


def test_the_stub_matches_the_runtime():
    code, output = run("mypy.stubtest", "touchpoint", "--mypy-config-file", str(CONFIG), "--allowlist", str(ALLOWLIST))
    assert code == 0, output
    assert "Success" in output


def test_the_documented_uses_type_check():
    code, output = run("mypy", "--config-file", str(CONFIG), str(HERE / "typing_usage.py"))
    assert code == 0, output


def test_the_allowlist_names_only_stub_only_names():
    # Every allowlisted name is in the stub and not at runtime (else it should not be there).
    import touchpoint

    stub = (HERE.parent / "python" / "touchpoint" / "__init__.pyi").read_text()
    names = [l.strip() for l in ALLOWLIST.read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert names
    for name in names:
        short = name.removeprefix("touchpoint.")
        assert f"\n{short} = " in stub, name
        assert not hasattr(touchpoint, short), name
