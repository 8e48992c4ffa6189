"""touchpoint on Spark: every dataset analysis, and ``overview``, over a Spark DataFrame of
events, with the report ``Dataset.from_arrow`` gives on one machine for the same rows, in
the same order (docs/guide-scale.md). Checked against the module by ``mypy.stubtest``
(bindings-python/tests/test_stubs.py)."""

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import pyarrow
from pyspark.sql import DataFrame

from touchpoint import (
    CxReport,
    EngagementOptions,
    EngagementReport,
    EngagementScoreOptions,
    EngagementScoreReport,
    FunnelOptions,
    FunnelReport,
    JourneyMap,
    JourneyMapOptions,
    LifecycleOptions,
    LifecycleReport,
    OverviewOptions,
    OverviewReport,
    PainPointOptions,
    PainPointReport,
    PyramidOptions,
    PurchaseHistoryOptions,
    PyramidReport,
    RetentionOptions,
    RetentionReport,
    RfmOptions,
    RfmReport,
    RuleSegmentOptions,
    RuleSegmentReport,
    SessionOptions,
    SessionReport,
    TierOptions,
    TierReport,
)

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

ANALYSES: Tuple[str, ...]
"""The analyses :func:`run` accepts: the names of the :class:`touchpoint.Dataset` methods."""

@dataclass
class RunStats:
    """Where the time went and what crossed the network, for one :func:`run_with_stats`."""

    wall_seconds: float = ...
    """The whole call, on the driver."""
    context_seconds: float = ...
    """The column check and the Spark job that finds the channels, kinds and time range."""
    fold_seconds: float = ...
    """Summed over the partitions: time inside touchpoint in the executors (reading the
    rows, the analysis, making and merging the partial states)."""
    driver_merge_seconds: float = ...
    """Merging the partitions' states and finishing the report, on the driver."""
    rows: int = ...
    """Events folded."""
    state_bytes: List[int] = ...
    """The size of each partition's state: what each partition sends to the driver."""
    @property
    def spark_seconds(self) -> float:
        """Wall time not spent in touchpoint: Spark's scheduling, shuffle, sort and Arrow
        transfer."""

def run(
    df: DataFrame,
    analysis: str,
    options: Any = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> Dict[str, Any]:
    """The report of ``Dataset.from_arrow(<df's rows, in order>, **columns).<analysis>(options)``,
    computed on the Spark cluster. ``analysis`` is one of :data:`ANALYSES`; the keyword
    arguments name the columns as in :meth:`touchpoint.Dataset.from_arrow`. An
    ``anonymous_id`` column and ``mode="lenient"`` raise :class:`touchpoint.ArgumentError`.
    ``partitions``: ranges of customers folded in parallel (default: the DataFrame's
    partition count); ``rows_per_state``: rows (whole customers) per partial state."""

def run_with_stats(
    df: DataFrame,
    analysis: str,
    options: Any = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> Tuple[Dict[str, Any], RunStats]:
    """:func:`run`, and where the time went (:class:`RunStats`)."""

def overview(
    df: DataFrame,
    options: Optional[OverviewOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> OverviewReport:
    """``Dataset.overview`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).overview(options)``. See :func:`run`."""

def cx_report(
    df: DataFrame,
    options: Optional[Mapping[str, Optional[str]]] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> CxReport:
    """``Dataset.cx_report`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).cx_report(options)``. See :func:`run`."""

def sessions(
    df: DataFrame,
    options: Optional[SessionOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> SessionReport:
    """``Dataset.sessions`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).sessions(options)``. See :func:`run`."""

def engagement(
    df: DataFrame,
    options: Optional[EngagementOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> EngagementReport:
    """``Dataset.engagement`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).engagement(options)``. See :func:`run`."""

def engagement_score(
    df: DataFrame,
    options: Optional[EngagementScoreOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> EngagementScoreReport:
    """``Dataset.engagement_score`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).engagement_score(options)``. See :func:`run`."""

def lifecycle(
    df: DataFrame,
    options: Optional[LifecycleOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> LifecycleReport:
    """``Dataset.lifecycle`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).lifecycle(options)``. See :func:`run`."""

def funnel(
    df: DataFrame,
    options: Optional[FunnelOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> FunnelReport:
    """``Dataset.funnel`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).funnel(options)``. See :func:`run`."""

def retention(
    df: DataFrame,
    options: Optional[RetentionOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> RetentionReport:
    """``Dataset.retention`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).retention(options)``. See :func:`run`."""

def rfm(
    df: DataFrame,
    options: Optional[RfmOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> RfmReport:
    """``Dataset.rfm`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).rfm(options)``. See :func:`run`."""

def rule_segments(
    df: DataFrame,
    options: Optional[RuleSegmentOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> RuleSegmentReport:
    """``Dataset.rule_segments`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).rule_segments(options)``. See :func:`run`."""

def engagement_tiers(
    df: DataFrame,
    options: Optional[TierOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> TierReport:
    """``Dataset.engagement_tiers`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).engagement_tiers(options)``. See :func:`run`."""

def journey_map(
    df: DataFrame,
    options: Optional[JourneyMapOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> JourneyMap:
    """``Dataset.journey_map`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).journey_map(options)``. See :func:`run`."""

def pain_points(
    df: DataFrame,
    options: Optional[PainPointOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> PainPointReport:
    """``Dataset.pain_points`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).pain_points(options)``. See :func:`run`."""

def cx_pyramid(
    df: DataFrame,
    options: Optional[PyramidOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> PyramidReport:
    """``Dataset.cx_pyramid`` over a Spark DataFrame of events: the same report as
    ``Dataset.from_arrow(<the rows>, **columns).cx_pyramid(options)``. See :func:`run`."""

def purchase_histories(
    df: DataFrame,
    options: Optional[PurchaseHistoryOptions] = None,
    *,
    partitions: Optional[int] = None,
    rows_per_state: int = ...,
    customer_id: str = ...,
    timestamp: str = ...,
    channel: str = ...,
    kind: str = ...,
    value: str = ...,
    survey: str = ...,
    score: str = ...,
    answers: Optional[Mapping[str, str]] = ...,
    traits: Union[Sequence[str], Mapping[str, str], None] = ...,
    mode: str = ...,
    pseudonym_key: Optional[Union[bytes, str]] = ...,
) -> pyarrow.Table:
    """``Dataset.purchase_histories`` over a Spark DataFrame of events: the same pyarrow
    Table as ``Dataset.from_arrow(<the rows>, **columns).purchase_histories(options)``. See
    :func:`run`."""
