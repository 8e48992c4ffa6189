"""What crosses the network in a touchpoint.spark run: the size of each analysis's partial state
per partition, measured in-process (no Spark needed) on benches/compare.py's "realistic" events.

    source scripts/env.sh && python benches/spark_states.py --events 1000000 --partitions 4

The customers are split into `--partitions` ranges by first sight, as touchpoint.spark splits
them; each range becomes a dataset, aligned to the whole data's context, whose partial state
is measured (bytes, and bytes per customer of the range); the states are merged and the report
is checked against the single-machine one. Each analysis runs with its default options, and
again with its per-customer rows (or members) when it has them.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import STEPS, generate  # noqa: E402

RUNS = [
    ("overview", {"funnel": {"steps": STEPS}}),
    ("overview", {"funnel": {"steps": STEPS}, "sessions": {"per_customer": True}, "rfm": {"per_customer": True}}),
    ("cx_report", None),
    ("sessions", None),
    ("sessions", {"per_customer": True}),
    ("engagement", {"bucket": "week"}),
    ("engagement_score", None),
    ("engagement_score", {"per_customer": True}),
    ("lifecycle", None),
    ("lifecycle", {"per_customer": True}),
    ("funnel", {"steps": STEPS}),
    ("retention", None),
    ("rfm", None),
    ("rfm", {"per_customer": True}),
    ("rule_segments", {"rules": [{"name": "buyers", "rule": "purchases >= 1"}]}),
    ("rule_segments", {"rules": [{"name": "buyers", "rule": "purchases >= 1"}], "include_members": True}),
    ("engagement_tiers", None),
    ("engagement_tiers", {"per_customer": True}),
    ("journey_map", None),
    ("pain_points", None),
    ("cx_pyramid", None),
]


def normal(x):
    import pyarrow as pa

    if isinstance(x, pa.Table):
        return (str(x.schema), x.to_pylist())
    if isinstance(x, dict):
        return {k: normal(v) for k, v in x.items()}
    if isinstance(x, list):
        return [normal(v) for v in x]
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()

    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import touchpoint

    table = generate(args.events, "realistic")
    ids = table["customer_id"].to_numpy()
    rows = np.arange(len(ids))
    # A customer's key: its first row; ranges of keys hold equal shares of the customers.
    uniq, first = np.unique(ids, return_index=True)
    key_of = dict(zip(uniq.tolist(), first.tolist()))
    keys = np.array([key_of[i] for i in ids.tolist()])
    bounds = np.quantile(np.sort(first), np.linspace(0, 1, args.partitions + 1)[1:-1])
    part = np.searchsorted(bounds, keys, side="right")
    chan_first = {}
    for name, r in zip(table["channel"].to_pylist(), rows.tolist()):
        chan_first.setdefault(name, r)
    kind_first = {}
    for name, r in zip(table["kind"].to_pylist(), rows.tolist()):
        kind_first.setdefault(name, r)
    ts = pc.cast(table["timestamp"], pa.int64())
    context = {
        "channels": sorted(chan_first, key=chan_first.get),
        "kinds": sorted(kind_first, key=kind_first.get),
        "first_event": pc.min(ts).as_py(),
        "last_event": pc.max(ts).as_py(),
    }
    parts = []
    for p in range(args.partitions):
        take = np.nonzero(part == p)[0]
        order = take[np.lexsort((take, keys[take]))]  # by key, then row: each customer together
        sub = table.take(pa.array(order))
        parts.append((sub, (int(keys[order[0]]), int(keys[order[-1]])), len(np.unique(ids[order]))))
    whole = touchpoint.Dataset.from_arrow(table)
    print(f"{args.events:,} events, {whole.customer_count:,} customers, {args.partitions} partitions "
          f"of {', '.join(f'{c:,}' for _, _, c in parts)} customers")
    print(f"{'analysis':<18} {'options':<44} {'bytes per partition':>28} {'B/customer':>10} {'merged':>11}")
    for analysis, options in RUNS:
        states = []
        for sub, lohi, _ in parts:
            ds = touchpoint.Dataset.from_arrow(sub)
            states.append(ds.partial_state(analysis, options, context=context, keys=lohi))
        merged = touchpoint.merge_partial_states(states)
        report = touchpoint.finish_partial_state(merged)
        assert normal(report) == normal(getattr(whole, analysis)(options)), analysis
        sizes = [len(s) for s in states]
        per_customer = sum(sizes) / whole.customer_count
        opts = "" if options is None else str(options).replace("'", "")
        print(f"{analysis:<18} {opts[:44]:<44} {min(sizes):>13,} – {max(sizes):>12,} {per_customer:>10.1f} {len(merged):>11,}")


if __name__ == "__main__":
    t = time.perf_counter()
    main()
    print(f"({time.perf_counter() - t:.0f} s; every merged report equals the single-machine report)")
