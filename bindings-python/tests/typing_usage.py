"""Type-checked, never run: what the docs say the API takes, as mypy sees it through the stub
(tests/test_stubs.py). A `# type: ignore[...]` marks a call the stub must refuse: with
`warn_unused_ignores`, an ignore that is not needed is an error."""

import io
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import pyspark.sql

import touchpoint
import touchpoint.spark
from touchpoint import Dataset, Event, RfmOptions, TimeInput

times: list[TimeInput] = [
    "2026-03-01T09:30:00Z",
    1_772_357_400_000,
    datetime(2026, 3, 1, tzinfo=timezone.utc),
    date(2026, 3, 1),
    np.datetime64("2026-03-01"),
]
events: list[Event] = [
    {"customer_id": "ana", "timestamp": t, "channel": "web", "kind": "purchase"} for t in times
]
ds = Dataset.from_events(events, mode="lenient")
options: RfmOptions = {"as_of": datetime(2026, 3, 1), "per_customer": True}
report = ds.rfm(options)
as_of: "str | None" = report["as_of"]

Dataset.read_csv("events.csv")
Dataset.read_csv(Path("events.csv"))
Dataset.read_csv("customer_id,timestamp,channel,kind\n")
Dataset.read_csv(b"customer_id,timestamp,channel,kind\n")
Dataset.read_csv(io.StringIO("customer_id,timestamp,channel,kind\n"))
Dataset.read_csv(io.BytesIO(b"customer_id,timestamp,channel,kind\n"))
with open("events.ndjson", "rb") as f:
    Dataset.read_segment(f)
with open("events.ndjson") as t:
    Dataset.read_segment(t)

Dataset.read_csv(42)  # type: ignore[arg-type]
Dataset.read_csv("x", mode="sloppy")  # type: ignore[arg-type]
bad: Event = {"customer_id": "a", "timestamp": 1.5j, "channel": "web", "kind": "x"}  # type: ignore[typeddict-item]
try:
    touchpoint.nps([1, 2])
except touchpoint.OutOfRangeError as e:
    where: "str | None" = e.record


def on_spark(events_df: "pyspark.sql.DataFrame") -> None:
    """touchpoint.spark: the reports are typed as the Dataset methods' are."""
    overview = touchpoint.spark.overview(events_df, {"funnel": {"steps": ["page_view", "purchase"]}}, partitions=8)
    sessions: int = overview["sessions"]["sessions"]
    rfm = touchpoint.spark.rfm(events_df, {"per_customer": True}, customer_id="user", traits=["plan"])
    cx = touchpoint.spark.cx_report(events_df, {"review": "advocate"})
    report, stats = touchpoint.spark.run_with_stats(events_df, "retention", {"period": "week"})
    seconds: float = stats.spark_seconds + stats.fold_seconds
    touchpoint.spark.overview(events_df, partitions="many")  # type: ignore[arg-type]
    touchpoint.spark.funnel(events_df, {"order": "ordered"})  # type: ignore[arg-type]  # no steps
