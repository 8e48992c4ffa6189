"""Keeps criterion's estimates as a baseline in the repo and compares a run against it.

    python benches/baseline.py save    BENCH SINCE   # target/criterion -> benches/baseline/BENCH.json
    python benches/baseline.py compare BENCH SINCE   # exit 1 if a benchmark is > THRESHOLD slower
                                                     # (their ids, one a line, in $BENCH_FLAGGED)

Reads every `target/criterion/**/new/estimates.json` written after SINCE (seconds since the
epoch: the start of the `cargo bench` run, so other benches' older results are left out) and
takes each benchmark's median (criterion's point estimate, in ns per iteration). Usually run
through scripts/bench-baseline.sh, which runs the benchmark first.
"""

import glob
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

THRESHOLD = float(os.environ.get("BENCH_THRESHOLD", "0.10"))  # 10% slower is flagged
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))


def estimates(since):
    """{benchmark id: median ns} of the run that started at `since`."""
    root = os.path.join(TARGET, "criterion")
    found = {}
    for path in glob.glob(os.path.join(root, "**", "new", "estimates.json"), recursive=True):
        if os.path.getmtime(path) < since:
            continue
        name = os.path.relpath(os.path.dirname(os.path.dirname(path)), root)
        e = json.load(open(path))["median"]
        found[name] = {"median_ns": e["point_estimate"],
                       "ci_ns": [e["confidence_interval"]["lower_bound"], e["confidence_interval"]["upper_bound"]]}
    return dict(sorted(found.items()))


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform(), "commit": commit,
            "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "load_average_1m": round(os.getloadavg()[0], 2)}  # > cores: the medians are noisy


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("save", "compare"):
        sys.exit(__doc__)
    action, bench, since = sys.argv[1], sys.argv[2], float(sys.argv[3])
    path = os.path.join(REPO, "benches", "baseline", f"{bench}.json")
    now = estimates(since)
    if not now:
        sys.exit(f"no criterion estimates written since the run started (in {TARGET}/criterion)")
    if action == "save":
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump({"machine": machine(), "benchmarks": now}, f, indent=2)
            f.write("\n")
        print(f"saved {len(now)} benchmarks to {os.path.relpath(path, REPO)}")
        for name, e in now.items():
            print(f"  {name:<55}{e['median_ns'] / 1e6:>10.2f} ms")
        return
    if not os.path.exists(path):
        sys.exit(f"no baseline {os.path.relpath(path, REPO)}: run `scripts/bench-baseline.sh save {bench}` first")
    base = json.load(open(path))
    m = base["machine"]
    print(f"baseline: {m['saved']}, commit {m['commit']}, {m['cpu']}, load average then "
          f"{m.get('load_average_1m', '?')}, now {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    slower = []
    print(f"  {'benchmark':<55}{'baseline ms':>12}{'now ms':>10}{'change':>9}")
    for name, b in base["benchmarks"].items():
        if name not in now:
            print(f"  {name:<55}{b['median_ns'] / 1e6:>12.2f}{'not run':>10}")
            continue
        change = now[name]["median_ns"] / b["median_ns"] - 1
        flag = "  SLOWER" if change > THRESHOLD else ""
        if flag:
            slower.append(name)
        print(f"  {name:<55}{b['median_ns'] / 1e6:>12.2f}{now[name]['median_ns'] / 1e6:>10.2f}{change:>+9.1%}{flag}")
    for name in now.keys() - base["benchmarks"].keys():
        print(f"  {name:<55}{'(new)':>12}{now[name]['median_ns'] / 1e6:>10.2f}")
    if os.environ.get("BENCH_FLAGGED"):
        with open(os.environ["BENCH_FLAGGED"], "w") as f:
            f.write("".join(name + "\n" for name in slower))
    if slower:
        sys.exit(f"{len(slower)} benchmark(s) more than {THRESHOLD:.0%} slower than the baseline: {', '.join(slower)}")
    print(f"none more than {THRESHOLD:.0%} slower than the baseline")


if __name__ == "__main__":
    main()
