"""touchpoint on Spark: any dataset analysis, and ``overview``, over a Spark DataFrame of
events, with the report ``Dataset.from_arrow`` gives on one machine for the same rows.

    import touchpoint.spark
    report = touchpoint.spark.overview(events_df, {"funnel": {"steps": ["page_view", "purchase"]}})

How it runs (docs/guide-scale.md has the design note):

1. The rows are numbered in the DataFrame's order (``monotonically_increasing_id``). One
   small aggregation gives the *context* every partition must agree on: the channels and the
   kinds in order of first sight, and the first and last event time.
2. A customer's ordering key is the number of its first row. The rows are range-partitioned
   by that key and sorted by (key, row) within each partition: each customer's rows are in one
   partition, together, in input order; partitions hold disjoint key ranges.
3. ``mapInArrow`` streams each partition's Arrow batches through a fold that keeps one
   partial customer at a time: complete customers go to ``Dataset.from_arrow`` and
   ``Dataset.partial_state`` (aligned to the context), and the states are merged. Each
   partition emits one row: its key range and its state (versioned bytes).
4. The driver merges the partitions' states and finishes the report.

What cannot be distributed exactly is refused with :class:`touchpoint.ArgumentError`
(``.field`` names the argument): an ``anonymous_id`` column (an anonymous id ties rows of
any partition to a customer) and ``mode="lenient"`` (a rejected row is named by its row
number, which only one machine knows). The DataFrame's order must be deterministic (a
table or files read in order are; the output of an unordered shuffle is not: sort or
checkpoint it first), since "first sight" and ties in time are decided by it.

pyspark is imported only when a function runs, so ``import touchpoint.spark`` works
without it.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import ArgumentError, Dataset
from ._native import _partial_analyses

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame

__all__ = [
    "ANALYSES",
    "RunStats",
    "cx_pyramid",
    "cx_report",
    "engagement",
    "engagement_score",
    "engagement_tiers",
    "funnel",
    "journey_map",
    "lifecycle",
    "overview",
    "pain_points",
    "purchase_histories",
    "retention",
    "rfm",
    "rule_segments",
    "run",
    "run_with_stats",
    "sessions",
]

# `experiment` reads exposure properties, which Arrow columns do not carry yet (rows reach
# the cluster's workers as Arrow batches): it has a partial state, but not on Spark.
ANALYSES = tuple(a for a in _partial_analyses if a != "experiment")
"""The analyses :func:`run` accepts: the names of the :class:`touchpoint.Dataset` methods
(every analysis with a partial state but ``experiment``, which needs event properties that
Arrow columns do not carry yet)."""

# The survey metrics from_arrow reads by column name when `answers` is not given.
_METRICS = ("nps", "csat", "ces", "will_buy_again", "delivers_promise", "fair_solution")
# Helper columns; dropped before the rows reach touchpoint.
_ROW = "__touchpoint_row"
_KEY = "__touchpoint_key"
_OUT_SCHEMA = "lo long, hi long, state binary, seconds double, rows long"
# Rows gathered before one partial state is made (several Arrow batches, whole customers).
_ROWS_PER_STATE = 65536


@dataclass
class RunStats:
    """Where the time went and what crossed the network, for one :func:`run_with_stats`."""

    wall_seconds: float = 0.0
    """The whole call, on the driver."""
    context_seconds: float = 0.0
    """The Spark job that finds the channels, kinds and time range (and the column check)."""
    fold_seconds: float = 0.0
    """Summed over the partitions: time inside touchpoint (reading the rows, the analysis,
    making and merging the partial states), measured in the executors."""
    driver_merge_seconds: float = 0.0
    """Merging the partitions' states and finishing the report, on the driver."""
    rows: int = 0
    """Events folded."""
    state_bytes: List[int] = field(default_factory=list)
    """The size of each partition's state: what each partition sends to the driver."""

    @property
    def spark_seconds(self) -> float:
        """Wall time not spent in touchpoint: Spark's scheduling, shuffle, sort and the
        Arrow transfer (with several executors the fold time is spread over them, so this is
        a lower bound)."""
        return max(0.0, self.wall_seconds - self.fold_seconds - self.driver_merge_seconds)


def _native() -> Any:
    # The package, resolved at call time: its partial-state functions come with the native
    # module (merge_partial_states, finish_partial_state).
    import touchpoint

    return touchpoint


def _refuse(message: str, field_name: str) -> ArgumentError:
    error = ArgumentError(message)
    error.code = "INVALID_ARGUMENT"
    error.record = None
    error.field = field_name
    return error


def _columns_read(df_columns: Sequence[str], columns: Mapping[str, Any]) -> List[str]:
    """The DataFrame columns from_arrow would read with these keyword arguments (in the
    DataFrame's order), so the shuffle carries nothing else."""
    wanted = {columns.get(k, k) for k in ("customer_id", "timestamp", "channel", "kind", "value", "survey", "score")}
    answers = columns.get("answers")
    wanted.update(_METRICS if answers is None else (answers.values() if isinstance(answers, Mapping) else ()))
    traits = columns.get("traits")
    if isinstance(traits, Mapping):
        wanted.update(traits.values())
    elif traits is not None and not isinstance(traits, str):
        wanted.update(traits)
    return [c for c in df_columns if c in wanted]


def _check_distributable(df_columns: Sequence[str], columns: Mapping[str, Any]) -> None:
    mode = columns.get("mode", "strict")
    if isinstance(mode, str) and mode.lower() == "lenient":
        raise _refuse(
            'touchpoint.spark runs in strict mode only: mode="lenient" names each rejected row by '
            "its row number, which no single executor knows; clean the rows in Spark first",
            "mode",
        )
    anonymous = columns.get("anonymous_id", "anonymous_id")
    explicit = "anonymous_id" in columns
    if anonymous in df_columns or explicit:
        raise _refuse(
            f"touchpoint.spark cannot read the `{anonymous}` column: an anonymous id ties rows of any "
            "partition to a customer, so customers cannot be split by partition; resolve identities "
            "to one customer id per row first (docs/guide-scale.md)",
            "anonymous_id",
        )
    for name in (_ROW, _KEY):
        if name in df_columns:
            raise _refuse(f"the column name `{name}` is reserved by touchpoint.spark", name)


def _millis(value: Any) -> int:
    """A Python time from Spark (a naive datetime of a TIMESTAMP_NTZ: wall clock = UTC, a
    date, or int milliseconds) as epoch milliseconds, floored like from_arrow."""
    import datetime

    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        delta = value - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return (delta.days * 86_400_000_000 + delta.seconds * 1_000_000 + delta.microseconds) // 1000
    if isinstance(value, datetime.date):
        return (value - datetime.date(1970, 1, 1)).days * 86_400_000
    return int(value)


def _context(df: "DataFrame", columns: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """Channels and kinds in order of first sight, and the time range, in one aggregation
    (over the distinct (channel, kind) pairs, which are few). None when there are no rows."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampType

    channel, kind, ts = (columns.get(k, k) for k in ("channel", "kind", "timestamp"))
    ts_type = df.schema[ts].dataType
    # A TIMESTAMP is an instant: its exact microseconds. Other types come back exactly as
    # they are (TIMESTAMP_NTZ as a naive datetime, DATE as a date, int64 milliseconds).
    lo, hi = F.min(ts), F.max(ts)
    if isinstance(ts_type, TimestampType):
        lo, hi = F.unix_micros(lo), F.unix_micros(hi)
    rows = (
        df.groupBy(F.col(channel).alias("c"), F.col(kind).alias("k"))
        .agg(F.min(_ROW).alias("r"), lo.alias("lo"), hi.alias("hi"))
        .collect()
    )
    if not rows:
        return None

    def first_sight(name: str) -> List[str]:
        seen: Dict[str, int] = {}
        for r in rows:
            if r[name] is not None and (r[name] not in seen or r["r"] < seen[r[name]]):
                seen[r[name]] = r["r"]
        return sorted(seen, key=seen.__getitem__)

    def ms(value: Any) -> int:
        return _floor_div(value, 1000) if isinstance(ts_type, TimestampType) else _millis(value)

    times = [r for r in rows if r["lo"] is not None]
    return {
        "channels": first_sight("c"),
        "kinds": first_sight("k"),
        "first_event": min(ms(r["lo"]) for r in times) if times else 0,
        "last_event": max(ms(r["hi"]) for r in times) if times else 0,
    }


def _floor_div(a: int, b: int) -> int:
    return a // b  # Python's // floors, as from_arrow floors sub-milliseconds


class _Merger:
    """Merges a stream of states like a binary counter: each state is merged O(log n) times,
    not once per later state, so a partition of many chunks stays linear-logarithmic."""

    def __init__(self, merge: Any) -> None:
        self._merge = merge
        self._stack: List[Tuple[int, bytes]] = []

    def push(self, state: bytes) -> None:
        level = 0
        while self._stack and self._stack[-1][0] == level:
            _, top = self._stack.pop()
            state = self._merge([top, state])
            level += 1
        self._stack.append((level, state))

    def result(self) -> Optional[bytes]:
        if not self._stack:
            return None
        if len(self._stack) == 1:
            return self._stack[0][1]
        return bytes(self._merge([s for _, s in self._stack]))


def _fold(
    batches: Iterator["pyarrow.RecordBatch"],
    *,
    analysis: str,
    options: Any,
    context: Dict[str, Any],
    columns: Dict[str, Any],
    rows_per_state: int,
) -> Iterator["pyarrow.RecordBatch"]:
    """One partition: rows sorted by (customer key, row). Whole customers are gathered into
    chunks of about `rows_per_state` rows; each chunk becomes a partial state; the states are
    merged. The rows of the last customer of a batch wait for the next batch (it may go on
    there), so memory holds one chunk plus one customer."""
    import pyarrow as pa
    import pyarrow.compute as pc

    native = _native()
    merger = _Merger(native.merge_partial_states)
    seconds = 0.0
    rows = 0
    first_key: Optional[int] = None
    last_key: Optional[int] = None
    pending: List[pa.RecordBatch] = []  # whole customers, not yet in a state
    pending_rows = 0
    carry: List[pa.RecordBatch] = []  # the last customer seen, maybe not whole yet
    carry_key: Optional[int] = None

    def flush() -> None:
        nonlocal seconds, rows, pending, pending_rows
        if not pending_rows:
            return
        table = pa.Table.from_batches(pending)
        keys = table.column(_KEY)
        lo, hi = keys[0].as_py(), keys[len(keys) - 1].as_py()
        table = table.drop_columns([_ROW, _KEY])
        started = time.perf_counter()
        ds = Dataset.from_arrow(table, **columns)
        state = ds.partial_state(analysis, options, context=context, keys=(lo, hi))
        merger.push(state)
        seconds += time.perf_counter() - started
        rows += table.num_rows
        pending, pending_rows = [], 0

    for batch in batches:
        if batch.num_rows == 0:
            continue
        keys = batch.column(batch.schema.get_field_index(_KEY))
        last = keys[len(keys) - 1].as_py()
        if first_key is None:
            first_key = keys[0].as_py()
        last_key = last
        # Rows before the first row of the batch's last customer are whole customers, and so
        # is the carried customer unless the batch is all its rows.
        start_of_last = pc.index(keys, last).as_py()
        if start_of_last > 0 or carry_key != last:
            if carry:
                pending.extend(carry)
                pending_rows += sum(b.num_rows for b in carry)
                carry = []
            if start_of_last > 0:
                head = batch.slice(0, start_of_last)
                pending.append(head)
                pending_rows += head.num_rows
        carry.append(batch.slice(start_of_last))
        carry_key = last
        if pending_rows >= rows_per_state:
            flush()
    pending.extend(carry)
    pending_rows += sum(b.num_rows for b in carry)
    flush()
    started = time.perf_counter()
    state = merger.result()
    seconds += time.perf_counter() - started
    if state is None:
        return
    yield pa.RecordBatch.from_pydict(
        {"lo": [first_key], "hi": [last_key], "state": [state], "seconds": [seconds], "rows": [rows]},
        schema=pa.schema(
            [("lo", pa.int64()), ("hi", pa.int64()), ("state", pa.binary()), ("seconds", pa.float64()), ("rows", pa.int64())]
        ),
    )


def _empty_arrow(events: "DataFrame") -> "pyarrow.Table":
    """No rows, with the Arrow schema Spark gives the columns."""
    if hasattr(events, "toArrow"):  # Spark 4
        return events.limit(0).toArrow()
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_schema

    return pa.Table.from_batches([], schema=to_arrow_schema(events.schema))


def _default_partitions(df: "DataFrame") -> int:
    try:
        return max(1, df.rdd.getNumPartitions())
    except Exception:  # Spark Connect has no RDDs
        return max(1, int(df.sparkSession.conf.get("spark.sql.shuffle.partitions") or 1))


def run_with_stats(
    df: "DataFrame",
    analysis: str,
    options: Any = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = _ROWS_PER_STATE,
    **columns: Any,
) -> Tuple[Dict[str, Any], RunStats]:
    """:func:`run`, and where the time went (:class:`RunStats`)."""
    if analysis not in ANALYSES:
        raise _refuse(f"`{analysis}` is not an analysis touchpoint.spark runs ({', '.join(ANALYSES)})", "analysis")
    if partitions is not None and (not isinstance(partitions, int) or isinstance(partitions, bool) or partitions < 1):
        raise _refuse("partitions: expected a whole number of at least 1", "partitions")
    if not isinstance(rows_per_state, int) or isinstance(rows_per_state, bool) or rows_per_state < 1:
        raise _refuse("rows_per_state: expected a whole number of at least 1", "rows_per_state")
    from pyspark.sql import DataFrame as SparkDataFrame
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if not isinstance(df, SparkDataFrame):
        raise _refuse(f"expected a Spark DataFrame, got {type(df).__name__}", "df")
    _check_distributable(df.columns, columns)
    stats = RunStats()
    started = time.perf_counter()
    native = _native()

    events = df.select(*_columns_read(df.columns, columns))
    # The columns and their types, checked on the driver by the reader itself (an empty
    # table of the Arrow schema the executors will see): a missing or mistyped column fails
    # here, with the reader's error and field, before any job runs.
    empty = _empty_arrow(events)
    Dataset.from_arrow(empty, **columns)
    n = partitions or _default_partitions(df)

    numbered = events.withColumn(_ROW, F.monotonically_increasing_id())
    context = _context(numbered, columns)
    stats.context_seconds = time.perf_counter() - started
    if context is None:  # no rows: the report of an empty dataset
        report = getattr(Dataset.from_arrow(empty, **columns), analysis)(options)
        stats.wall_seconds = time.perf_counter() - started
        return report, stats

    customer = columns.get("customer_id", "customer_id")
    keyed = numbered.withColumn(_KEY, F.min(_ROW).over(Window.partitionBy(customer)))
    fold = functools.partial(
        _fold,
        analysis=analysis,
        options=options,
        context=context,
        columns=dict(columns),
        rows_per_state=rows_per_state,
    )
    parts = (
        keyed.repartitionByRange(n, _KEY)
        .sortWithinPartitions(_KEY, _ROW)
        .mapInArrow(fold, _OUT_SCHEMA)
        .collect()
    )
    parts = sorted(parts, key=lambda r: r["lo"])
    stats.fold_seconds = sum(r["seconds"] for r in parts)
    stats.rows = sum(r["rows"] for r in parts)
    stats.state_bytes = [len(r["state"]) for r in parts]

    merging = time.perf_counter()
    merged = native.merge_partial_states([bytes(r["state"]) for r in parts])
    report = native.finish_partial_state(merged)
    stats.driver_merge_seconds = time.perf_counter() - merging
    stats.wall_seconds = time.perf_counter() - started
    return report, stats


def run(
    df: "DataFrame",
    analysis: str,
    options: Any = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = _ROWS_PER_STATE,
    **columns: Any,
) -> Dict[str, Any]:
    """The report of ``Dataset.from_arrow(<df's rows, in order>, **columns).<analysis>(options)``,
    computed on the Spark cluster.

    ``analysis`` is a :class:`touchpoint.Dataset` method name (:data:`ANALYSES`); ``options``
    are that method's (for ``cx_report``, the stage map). ``columns`` are
    ``Dataset.from_arrow``'s keyword arguments (``customer_id=``, ``timestamp=``, ``traits=``,
    ``answers=``, ``pseudonym_key=``, ...); an ``anonymous_id`` column and ``mode="lenient"``
    are refused (:class:`touchpoint.ArgumentError`). ``partitions`` is the number of ranges
    of customers folded in parallel (default: the DataFrame's partition count);
    ``rows_per_state`` how many rows (whole customers) go into one partial state in an
    executor. Spark's ``spark.sql.execution.arrow.maxRecordsPerBatch`` bounds each batch
    streamed to touchpoint.

    Errors in the columns' names or types are raised on the driver, as
    ``Dataset.from_arrow`` raises them; a bad row fails the Spark job with the reader's
    error in Spark's message (its record number counts the rows of its chunk).
    """
    return run_with_stats(df, analysis, options, partitions=partitions, rows_per_state=rows_per_state, **columns)[0]


def _named(analysis: str) -> Any:
    def analysis_on_spark(
        df: "DataFrame",
        options: Any = None,
        *,
        partitions: Optional[int] = None,
        rows_per_state: int = _ROWS_PER_STATE,
        **columns: Any,
    ) -> Dict[str, Any]:
        return run(df, analysis, options, partitions=partitions, rows_per_state=rows_per_state, **columns)

    analysis_on_spark.__name__ = analysis_on_spark.__qualname__ = analysis
    analysis_on_spark.__doc__ = (
        f"``Dataset.{analysis}`` over a Spark DataFrame of events: the same report as "
        f"``Dataset.from_arrow(<the rows>, **columns).{analysis}(options)``. See :func:`run`."
    )
    return analysis_on_spark


overview = _named("overview")
cx_report = _named("cx_report")
sessions = _named("sessions")
engagement = _named("engagement")
engagement_score = _named("engagement_score")
lifecycle = _named("lifecycle")
funnel = _named("funnel")
retention = _named("retention")
rfm = _named("rfm")
rule_segments = _named("rule_segments")
engagement_tiers = _named("engagement_tiers")
journey_map = _named("journey_map")
pain_points = _named("pain_points")
cx_pyramid = _named("cx_pyramid")
# Its report is the histories: the pyarrow Table Dataset.purchase_histories gives.
purchase_histories = _named("purchase_histories")
