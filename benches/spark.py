"""touchpoint.spark.overview in Spark's local mode against Dataset.from_arrow(...).overview on one
machine, on the same generated events (benches/compare.py's "realistic" shape: an event log in
time order, int64 customer ids, plain utf8 strings), with the time split of the Spark run.

    source scripts/env.sh && python benches/spark.py                 # 1M events
    source scripts/env.sh && python benches/spark.py --events 10000000 --driver-memory 6g

The events are written once to Parquet and read by both sides (Spark: spark.read.parquet, in
file order). The reports must be equal (asserted). Printed: the single-machine time (read +
from_arrow + overview), Spark's wall time and where it went: the context job (channels,
kinds, time range), touchpoint's fold in the executors (summed over tasks, and per core),
the driver's merge and finish, and the rest (Spark: scheduling, the shuffle, the sort, the
Arrow transfer to the Python workers); and the partial state each partition sent.
Needs pyspark and Java 17.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import STEPS, generate  # noqa: E402  (the same data as compare.py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--partitions", type=int, default=4, help="ranges of customers folded in parallel")
    ap.add_argument("--cores", type=int, default=2, help="local[N]")
    ap.add_argument("--batch", type=int, default=10_000, help="spark.sql.execution.arrow.maxRecordsPerBatch")
    ap.add_argument("--driver-memory", default="3g")
    args = ap.parse_args()

    import pyarrow.parquet as pq
    import touchpoint
    import touchpoint.spark
    from pyspark.sql import SparkSession

    options = {"funnel": {"steps": STEPS, "window_seconds": 7 * 86400}}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.parquet")
        t = time.perf_counter()
        pq.write_table(generate(args.events, "realistic"), path)
        print(f"data: {args.events:,} events (realistic shape) written in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        table = pq.read_table(path)
        read = time.perf_counter() - t
        t = time.perf_counter()
        ds = touchpoint.Dataset.from_arrow(table)
        load = time.perf_counter() - t
        t = time.perf_counter()
        local = ds.overview(options)
        job = time.perf_counter() - t
        print(f"one machine: read {read:.2f} s + from_arrow {load:.2f} s + overview {job:.2f} s = {read + load + job:.2f} s"
              f" ({ds.customer_count:,} customers, touchpoint.threads() = {touchpoint.threads()})")
        del ds, table

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        t = time.perf_counter()
        spark = (
            SparkSession.builder.master(f"local[{args.cores}]")
            .appName("touchpoint-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(args.partitions))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch))
            .config("spark.driver.memory", args.driver_memory)
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        print(f"spark {spark.version} local[{args.cores}] started in {time.perf_counter() - t:.1f} s")
        df = spark.read.parquet(path)
        report, stats = touchpoint.spark.run_with_stats(df, "overview", options, partitions=args.partitions)
        # A second run: the first one pays the JVM's and the Python workers' warm-up.
        report, stats = touchpoint.spark.run_with_stats(df, "overview", options, partitions=args.partitions)
        spark.stop()

    assert _normal(report) == _normal(local), "the Spark report differs from the single-machine report"
    print("reports equal: yes")
    s = stats
    print(f"spark wall {s.wall_seconds:.2f} s, {s.rows:,} events in {len(s.state_bytes)} partitions:")
    print(f"  context job (channels, kinds, time range) {s.context_seconds:7.2f} s")
    print(f"  touchpoint fold in the executors          {s.fold_seconds:7.2f} s summed over tasks"
          f" ({s.fold_seconds / args.cores:.2f} s per core)")
    print(f"  driver merge + finish                     {s.driver_merge_seconds:7.2f} s")
    print(f"  the rest: Spark (shuffle, sort, Arrow)    {s.wall_seconds - s.context_seconds - s.fold_seconds / args.cores - s.driver_merge_seconds:7.2f} s"
          " (wall - context - fold per core - merge)")
    print(f"  partial states: {', '.join(f'{b:,}' for b in s.state_bytes)} bytes "
          f"({sum(s.state_bytes) / max(1, s.rows):.1f} bytes per event)")


def _normal(x):
    import pyarrow as pa

    if isinstance(x, pa.Table):
        return (str(x.schema), x.to_pylist())
    if isinstance(x, dict):
        return {k: _normal(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_normal(v) for v in x]
    return x


if __name__ == "__main__":
    main()
