"""touchpoint: customer-experience analytics (NPS, CSAT, CES, journey stages).

Results are plain dicts with the Rust core's snake_case keys; ``None`` means "no data"
(never NaN). One row per customer (``per_customer`` of sessions, lifecycle, engagement
scores, RFM and tiers) comes as a ``pyarrow.Table``: ``.to_pandas()`` or
``polars.from_arrow(table)`` make it a data frame. Every error is a :class:`TouchpointError` with ``.code``, ``.record`` and
``.field``.
"""

import datetime
import os
import pyarrow
import numpy
from typing import Any, Callable, Dict, Iterable, List, Literal, Mapping, Optional, Protocol, Sequence, SupportsFloat, Tuple, TypedDict, Union, final, type_check_only

# The names below marked @type_check_only, and the type aliases (listed in
# bindings-python/stubtest-allowlist.txt), exist for type checkers only: results are plain
# dicts at runtime. Everything else is checked against the compiled module by
# `python -m mypy.stubtest touchpoint` (bindings-python/tests/test_stubs.py).

__all__ = [
    "ArgumentError",
    "ConfigError",
    "ConvergenceError",
    "Dataset",
    "InternalError",
    "InvalidRecordError",
    "Lexicon",
    "LiveEngine",
    "OutOfRangeError",
    "ParseError",
    "PurchaseModel",
    "SentimentAnalyzer",
    "SpendModel",
    "StoreError",
    "TouchpointError",
    "__version__",
    "adjust_p_values",
    "analyze_experiment",
    "calibration_report",
    "ces",
    "churn_risk",
    "compare_survey_waves",
    "csat",
    "finish_partial_state",
    "fit_purchase_model",
    "fit_spend_model",
    "lifetime_value",
    "merge_partial_states",
    "minimum_detectable_effect",
    "nps",
    "nps_difference",
    "experiment_from_rows",
    "pseudonymize",
    "purchase_histories",
    "sample_ratio_check",
    "sample_size",
    "sentiment",
    "score_survey",
    "sentiments",
    "survey_template",
    "voice_of_customer",
    "set_threads",
    "threads",
]

__version__: str

Mode = Literal["strict", "lenient"]
"""How to treat a bad record: ``"strict"`` raises on the first, ``"lenient"`` skips it
and lists it in :attr:`Dataset.rejected`. Case-insensitive."""

StageName = Literal["discover", "shop", "buy", "own", "advocate"]
"""The five journey stages, in order."""

TimeInput = Union[str, int, datetime.datetime, datetime.date, numpy.datetime64]
"""A time, in an event or an option: RFC 3339 / ISO 8601 text (``"2026-03-01T09:30:00Z"``;
without an offset it is UTC), epoch milliseconds, a ``datetime`` (aware: converted to UTC;
naive: read as UTC), a ``date`` (midnight UTC), a pandas ``Timestamp`` (a ``datetime``) or a
``numpy.datetime64`` of any unit. Sub-millisecond parts are floored. ``NaT`` is a missing
time: in an event, a bad record naming ``timestamp``; in an option, a :class:`ConfigError`."""

Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", "Readable"]
"""What :meth:`Dataset.read_csv` and :meth:`Dataset.read_segment` read: a path
(``pathlib.Path``, any ``os.PathLike``, or a ``str`` without a line break), a file object
(text or binary), or the content (a ``str`` with a line break, or ``bytes``, UTF-8)."""

# ---------------------------------------------------------------- result shapes

@type_check_only
class NpsSummary(TypedDict):
    """NPS of 0–10 answers. Shares are percentages (0–100); the NPS is in [-100, 100]."""

    responses: int
    promoters: int
    """Answers of 9 or 10."""
    passives: int
    """Answers of 7 or 8."""
    detractors: int
    """Answers of 0 to 6."""
    promoter_share: Optional[float]
    passive_share: Optional[float]
    detractor_share: Optional[float]
    nps: Optional[float]
    """% promoters − % detractors; ``None`` without answers."""
    margin_of_error: Optional[float]
    """Half-width of the 95% confidence interval of the NPS, in NPS points."""

@type_check_only
class CsatSummary(TypedDict):
    """CSAT of 1–5 answers."""

    responses: int
    satisfied: int
    """Answers of 4 or 5."""
    csat: Optional[float]
    """Percent of answers that are 4 or 5."""
    mean: Optional[float]
    counts: List[int]
    """``counts[s - 1]`` answers of score ``s`` (5 items)."""

@type_check_only
class CesSummary(TypedDict):
    """CES of 1–7 answers (7 = "strongly agree it was easy")."""

    responses: int
    mean: Optional[float]
    low_effort: int
    """Answers of 5, 6 or 7."""
    low_effort_share: Optional[float]
    high_effort: int
    """Answers of 1, 2 or 3."""
    high_effort_share: Optional[float]
    counts: List[int]
    """``counts[s - 1]`` answers of score ``s`` (7 items)."""

@type_check_only
class DatasetSummary(TypedDict):
    """Counts and time span of a dataset. Times are RFC 3339 strings in UTC."""

    customers: int
    events: int
    first_event: Optional[str]
    last_event: Optional[str]

@type_check_only
class SurveyScores(TypedDict):
    """NPS, CSAT and CES of one group of answers."""

    nps: NpsSummary
    csat: CsatSummary
    ces: CesSummary

@type_check_only
class StageScores(TypedDict):
    """Scores of the answers given while customers stood at ``stage``."""

    stage: StageName
    nps: NpsSummary
    csat: CsatSummary
    ces: CesSummary

@type_check_only
class StageCount(TypedDict):
    """How many customers have ``stage`` as their furthest, and their percentage."""

    stage: StageName
    customers: int
    share: Optional[float]

@type_check_only
class CxReport(TypedDict):
    """The CX report of a dataset."""

    dataset: DatasetSummary
    overall: SurveyScores
    by_channel: dict[str, SurveyScores]
    """Scores per channel name (``"email"``, ``"web"``, …)."""
    by_stage: List[StageScores]
    """One entry per stage, in journey order."""
    no_stage: SurveyScores
    """Answers given before the customer reached any stage."""
    stage_distribution: List[StageCount]
    """Customers per furthest stage reached, in journey order."""
    customers_without_stage: int

@type_check_only
class Rejection(TypedDict):
    """A record skipped by a lenient read (same fields as the exception it would raise)."""

    code: str
    message: str
    record: Optional[str]
    """``"line 3"`` (text input) or ``"record 2"`` (event dicts)."""
    field: Optional[str]

SurveyMetric = Literal["nps", "csat", "ces", "will_buy_again", "delivers_promise", "fair_solution"]
"""Which survey question a score answers: ``nps`` (0–10), ``csat`` (1–5), ``ces`` (1–7), and
the engagement survey's 1–5 agreement scales ``will_buy_again`` ("Will you buy our products
in the future?"), ``delivers_promise`` ("Does the company deliver what it promises?") and
``fair_solution`` ("When a problem arises, can you rely on a fair solution?"). The engagement
survey's other two questions are ``csat`` (overall satisfaction) and ``nps`` (recommend)."""

@type_check_only
class Survey(TypedDict):
    """One survey answer an event may carry (the single-answer form)."""

    metric: SurveyMetric
    score: float

@type_check_only
class _EventRequired(TypedDict):
    customer_id: Union[str, int]
    """The customer (user) id: text, or an integer kept as its decimal text (``42`` →
    ``"42"``); a float with a fraction is refused. May be left out when ``anonymous_id`` is
    given (the event of a visitor not yet known; such a dict type-checks as a ``Mapping``)."""
    timestamp: TimeInput
    """RFC 3339 / ISO 8601 text (``"2026-03-01T09:30:00Z"``), epoch milliseconds, a
    ``datetime``, ``date``, pandas ``Timestamp`` or ``numpy.datetime64``: see :data:`TimeInput`."""
    channel: str
    kind: str

@type_check_only
class Event(_EventRequired, total=False):
    """An event dict for :meth:`Dataset.from_events` (docs/guide-identity.md: ids, identity,
    traits and several answers in every reader)."""

    anonymous_id: Union[str, int, None]
    """The anonymous (device, cookie) id the event was recorded under. With a
    ``customer_id`` it ties the two: every event of the anonymous id counts for that customer
    (the earliest tie wins; a conflicting one is rejected naming the record)."""
    value: Optional[float]
    answers: Optional[Mapping[SurveyMetric, Optional[float]]]
    """Several answers of one response: ``{"nps": 9, "csat": 4, "ces": 6}`` (``None``: no
    answer). A metric may not also be the ``survey`` answer."""
    survey: Survey
    traits: Optional[dict[str, Any]]
    """The customer's traits as of this event (``{"plan": "pro"}``); for each trait the
    latest event's value wins."""
    properties: dict[str, Any]
    text: Optional[str]
    """Free text the customer wrote (a survey comment, a review, a ticket); ``""`` or
    ``None``: none. At most 1 MiB of UTF-8. :meth:`Dataset.voice_of_customer` reads it;
    :meth:`Dataset.pain_points` scores it (``negative_feedback``)."""

@type_check_only
class Readable(Protocol):
    """A file object: anything whose ``read(n)`` returns ``bytes`` (UTF-8) or ``str``."""

    def read(self, n: int, /) -> Union[bytes, str]: ...

@type_check_only
class ArrowStreamExportable(Protocol):
    """Anything exporting the Arrow PyCapsule stream interface (pyarrow, polars, pandas >= 2.2)."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

# ---------------------------------------------------------------- dataset analyses
#
# Every analysis is ``ds.<name>(options=None) -> dict``. ``options`` is one dict (any
# mapping; every key optional unless noted) whose keys are the core's option names; an
# unknown or mistyped option raises :class:`ConfigError` naming it in ``.field``
# (``"path_length"``, ``"weights.slowness"``), and a non-mapping :class:`ArgumentError`.
# Percentages are 0–100; ``None`` is "no data". Times in results are RFC 3339 strings (UTC),
# except in per-customer tables, whose time columns are ``timestamp[ms, tz=UTC]``.

Period = Literal["day", "week", "month"]
"""A calendar period, UTC; weeks start on Monday."""

@type_check_only
class TraitBreakdown(TypedDict):
    """Break down by the value of a customer trait (``"(none)"`` for customers without it)."""

    trait: str

Breakdown = Union[Literal["channel"], TraitBreakdown]

@type_check_only
class JourneyMapOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.journey_map`."""

    node: Literal["kind", "channel", "touchpoint"]
    """What a step is: the event kind (default), the channel, or both (``"email:click"``)."""
    collapse_repeats: bool
    """Fold runs of the same step into one. Default True."""
    path_length: int
    """How many first steps of each journey make its path (≥ 1). Default 5."""
    top_paths: int
    """How many of the most common paths to return. Default 10."""
    top_channel_pairs: int
    """How many channel pairs to return. Default 10."""

JourneyTransition = TypedDict(
    "JourneyTransition",
    {
        "from": str,
        "to": str,  # "(end)" when `from` was the customer's last step
        "count": int,
        "probability": float,  # % of every step out of `from`, ends included
        "median_seconds": Optional[float],  # None for "(end)"
    },
)
"""One edge of the journey map."""

@type_check_only
class PathCount(TypedDict):
    """A path (the first steps of a journey) and the customers who took it."""

    path: List[str]
    customers: int
    share: float
    """Percent of customers with events."""

ChannelPair = TypedDict("ChannelPair", {"from": str, "to": str, "count": int})
"""A switch from one channel to another and how often customers made it."""

@type_check_only
class ChannelSwitching(TypedDict):
    """How much customers move between channels."""

    customers: int
    multichannel_customers: int
    multichannel_share: Optional[float]
    transitions: int
    """Consecutive event pairs."""
    switches: int
    """Consecutive event pairs on different channels."""
    switch_rate: Optional[float]
    pairs: List[ChannelPair]
    """Most frequent first."""

@type_check_only
class JourneyMap(TypedDict):
    """The result of :meth:`Dataset.journey_map`."""

    transitions: List[JourneyTransition]
    """Every edge, most frequent first."""
    top_paths: List[PathCount]
    distinct_paths: int
    channel_switching: ChannelSwitching

PainSignal = Literal[
    "high_effort", "low_satisfaction", "detractors", "support_tickets",
    "unresolved_tickets", "slow_resolution", "drop_off", "negative_feedback",
]

@type_check_only
class PainPointOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.pain_points`."""

    min_evidence: int
    """Fewest answers, tickets or customers a signal needs to be ranked. Default 5."""
    target_resolution_hours: float
    """Resolution time at which ``slow_resolution`` scores 50 (> 0). Default 24."""
    goal_kind: str
    """The kind that counts as reaching the goal, for ``drop_off``. Default ``"purchase"``."""
    weights: Mapping[PainSignal, float]
    """Weight of each signal in the ranking (finite, ≥ 0); missing signals weigh 1."""
    top: int
    """How many pain points to return. Default 10."""
    stage_map: Mapping[str, Optional[StageName]]
    """Overrides of the event kind → stage mapping."""
    detect_language: bool
    """For ``negative_feedback``: detect each text's language, leaving texts in a language
    without a lexicon uncounted (default True). False scores every text as English, about
    three times faster."""

@type_check_only
class PainPoint(TypedDict):
    """One ranked pain point."""

    scope: Literal["channel", "stage"]
    name: str
    """The channel or stage name."""
    signal: PainSignal
    value: float
    """The measured value, in ``unit``."""
    unit: Literal["%", "per 100 customers", "hours"]
    severity: float
    """0–100: how bad it is."""
    score: float
    """``severity × weight``: the ranking key."""
    evidence: int
    """How many answers, tickets or customers the value rests on."""

@type_check_only
class PainPointReport(TypedDict):
    """The result of :meth:`Dataset.pain_points`."""

    ranked: List[PainPoint]
    """The worst first (ties by scope, name, signal)."""
    candidates: int
    """(scope, signal) pairs with enough evidence to be ranked."""

@type_check_only
class PyramidOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.cx_pyramid`."""

    self_service_kinds: Sequence[str]
    recommendation_kinds: Sequence[str]
    proactive_kinds: Sequence[str]
    deflection_window_days: float
    """Days after a self-service use in which a ticket means it failed. Default 7."""
    repeat_window_days: float
    """Days after a resolution in which a new ticket means the fix failed. Default 7."""
    repeat_need_days: float
    """Days after a resolution in which a new ticket means the need remains. Default 30."""
    uptake_window_days: float
    """Days after a recommendation or proactive message in which a purchase counts. Default 7."""
    thresholds: Sequence[float]
    """Exactly 6: levels 1–5 in percent, level 6 in NPS points. Default (60, 70, 80, 10, 15, 50)."""
    min_evidence: int
    """Fewest trigger events (or NPS answers) a level needs to be judged. Default 5."""
    no_data_blocks: bool
    """Whether a level without enough data stops the climb. Default False (it is skipped)."""

@type_check_only
class PyramidLevel(TypedDict):
    """One level of the CX pyramid."""

    level: int
    """1 (bottom) to 6 (top)."""
    name: Literal["information", "problem_solving", "underlying_need", "anticipation", "proactivity", "transformation"]
    indicator: str
    value: Optional[float]
    """``None``: not enough data."""
    threshold: float
    met: Optional[bool]
    evidence: int

@type_check_only
class PyramidReport(TypedDict):
    """The result of :meth:`Dataset.cx_pyramid`."""

    levels: List[PyramidLevel]
    """The six levels, bottom to top."""
    reached: int
    """The highest level reached (0: not even level 1)."""
    weakest: Optional[int]
    """The level furthest below its threshold; ``None`` if no level has data."""

@type_check_only
class SessionOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.sessions`."""

    inactivity_seconds: float
    """A gap longer than this starts a new session. Default 1800."""
    by_channel: bool
    per_customer: bool

@type_check_only
class Average(TypedDict):
    mean: Optional[float]
    median: Optional[float]

@type_check_only
class SessionStats(TypedDict):
    customers: int
    sessions: int
    sessions_per_customer: Average
    events_per_session: Average
    duration_seconds: Average
    time_per_customer_seconds: Average

@type_check_only
class CustomerSessions(TypedDict):
    customer_id: str
    sessions: int
    events: int
    total_duration_seconds: float

@type_check_only
class SessionReport(SessionStats):
    """The result of :meth:`Dataset.sessions`: the overall statistics and the breakdowns asked for."""

    inactivity_seconds: float
    by_channel: Optional[Dict[str, SessionStats]]
    per_customer: Optional[pyarrow.Table]
    """One row per customer, columns as :class:`CustomerSessions`."""

@type_check_only
class EngagementOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.engagement`."""

    breakdown: Optional[Breakdown]
    bucket: Optional[Period]
    conversion_kind: str
    purchase_kind: str
    sent_kind: str
    active_kinds: Optional[Sequence[str]]

@type_check_only
class EngagementReport(TypedDict):
    """The result of :meth:`Dataset.engagement` (metrics dicts: see the engagement guide)."""

    first_event: Optional[str]
    last_event: Optional[str]
    retention_period: Period
    overall: Dict[str, Any]
    active_users: Dict[str, Any]
    by_group: Optional[Dict[str, Dict[str, Any]]]
    buckets: Optional[List[Dict[str, Any]]]

@type_check_only
class LifecycleOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.lifecycle`."""

    period: Period
    active_kinds: Optional[Sequence[str]]
    stage_map: Optional[Mapping[str, Optional[StageName]]]
    purchase_kind: str
    relationship_days: int
    relationship_events: int
    loyal_purchases: int
    advocacy_purchases: int
    per_customer: bool

@type_check_only
class LifecycleReport(TypedDict):
    """The result of :meth:`Dataset.lifecycle`."""

    period: Period
    periods: List[Dict[str, Any]]
    """Per period: ``period_start``, ``active``, ``new``, ``returning``, ``resurrecting``, ``dormant``, ``quick_ratio``."""
    stage_distribution: List[StageCount]
    customers_without_stage: int
    phase_distribution: List[Dict[str, Any]]
    customers_without_phase: int
    stage_transitions: List[Dict[str, Any]]
    per_customer: Optional[pyarrow.Table]

@type_check_only
class HealthBand(TypedDict):
    label: str
    min: float

@type_check_only
class EngagementScoreOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.engagement_score`."""

    weights: Mapping[str, float]
    other_weight: float
    channel_weights: Mapping[str, float]
    half_life_seconds: float
    as_of: Optional[TimeInput]
    scale: Optional[float]
    bands: Sequence[HealthBand]
    trend_seconds: float
    flat_points: float
    per_customer: bool

@type_check_only
class EngagementScoreReport(TypedDict):
    """The result of :meth:`Dataset.engagement_score`."""

    as_of: Optional[str]
    previous_as_of: Optional[str]
    scale: Optional[float]
    customers: int
    bands: List[Dict[str, Any]]
    trend_counts: Dict[str, int]
    distribution: Dict[str, Optional[float]]
    per_customer: Optional[pyarrow.Table]

@type_check_only
class _FunnelStepRequired(TypedDict):
    kind: str

@type_check_only
class FunnelStep(_FunnelStepRequired, total=False):
    channel: Optional[str]
    within_seconds: Optional[float]
    optional: bool

@type_check_only
class _FunnelOptionsRequired(TypedDict):
    steps: Sequence[Union[str, FunnelStep]]

@type_check_only
class FunnelOptions(_FunnelOptionsRequired, total=False):
    """Options of :meth:`Dataset.funnel` (``steps`` is required)."""

    order: Literal["ordered", "strict", "any_order"]
    window_seconds: float
    exclusions: Sequence[Mapping[str, Any]]
    breakdown: Optional[Breakdown]
    attribution: Literal["first_touch", "last_touch"]

@type_check_only
class FunnelReport(TypedDict):
    """The result of :meth:`Dataset.funnel`."""

    order: Literal["ordered", "strict", "any_order"]
    window_seconds: float
    entered: int
    converted: int
    conversion_rate: Optional[float]
    excluded: int
    steps: List[Dict[str, Any]]
    breakdown: List[Dict[str, Any]]

@type_check_only
class RetentionOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.retention`."""

    period: Period
    periods: int
    start_event: Optional[str]
    return_event: Optional[str]
    retention_type: Literal["recurring", "first_time", "unbounded"]

@type_check_only
class RetentionReport(TypedDict):
    """The result of :meth:`Dataset.retention`."""

    period: Period
    retention_type: Literal["recurring", "first_time", "unbounded"]
    periods: int
    observed_until: Optional[str]
    cohorts: List[Dict[str, Any]]
    average: List[Dict[str, Any]]

@type_check_only
class RfmOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.rfm`."""

    purchase_kind: str
    as_of: Optional[TimeInput]
    segments: Sequence[Mapping[str, Any]]
    """Named segments ``{"name", "r": [lo, hi], "f": …, "m": …}``, first match wins."""
    per_customer: bool
    list_not_scored: bool

@type_check_only
class RfmReport(TypedDict):
    """The result of :meth:`Dataset.rfm`."""

    as_of: Optional[str]
    scored: int
    not_scored: int
    not_scored_ids: Optional[List[str]]
    segments: List[Dict[str, Any]]
    per_customer: Optional[pyarrow.Table]

@type_check_only
class TierOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.engagement_tiers`."""

    window_days: float
    as_of: Optional[TimeInput]
    tiers: Sequence[Mapping[str, Any]]
    """``{"name", "min_events"}``; one tier must have ``min_events`` 0."""
    kinds: Sequence[str]
    per_customer: bool

@type_check_only
class TierReport(TypedDict):
    """The result of :meth:`Dataset.engagement_tiers`."""

    as_of: Optional[str]
    window_days: float
    tiers: List[Dict[str, Any]]
    per_customer: Optional[pyarrow.Table]

@type_check_only
class SegmentRule(TypedDict):
    name: str
    rule: str
    """e.g. ``'plan == "pro" and purchases >= 2'``."""

@type_check_only
class RuleSegmentOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.rule_segments`."""

    rules: Sequence[SegmentRule]
    as_of: Optional[TimeInput]
    purchase_kind: str
    include_members: bool

@type_check_only
class RuleSegmentReport(TypedDict):
    """The result of :meth:`Dataset.rule_segments`."""

    as_of: Optional[str]
    customers: int
    unmatched: int
    segments: List[Dict[str, Any]]
    """Per rule: ``name``, ``rule`` (canonical), ``customers``, ``share``, ``members``."""

# ---------------------------------------------------------------- exceptions

class TouchpointError(Exception):
    """Base class of every touchpoint error.

    ``str(e)`` is the message; ``code`` is the stable code (``"OUT_OF_RANGE"``, …);
    ``record`` names where (``"line 3"``, ``"record 2"``, ``"answer 1"``) and ``field``
    the field or option, each ``None`` when the error names none.
    """

    code: Optional[str]
    record: Optional[str]
    field: Optional[str]

class InvalidRecordError(TouchpointError, ValueError):
    """``INVALID_RECORD``: a record lacks a field or has a bad one."""

class OutOfRangeError(InvalidRecordError):
    """``OUT_OF_RANGE``: a value outside what its field allows (an NPS answer of 11)."""

class ParseError(TouchpointError, ValueError):
    """``PARSE_ERROR``: the text is not valid JSON / CSV."""

class ConfigError(TouchpointError, ValueError):
    """``INVALID_CONFIG``: an option is invalid (an unknown mode or stage name)."""

class ArgumentError(TouchpointError, TypeError):
    """``INVALID_ARGUMENT``: an argument of the wrong type (a non-number answer, …)."""

class ConvergenceError(TouchpointError):
    """``NOT_CONVERGED``: a model's fit found no optimum (the iterations ran out, or a
    parameter ran to 0 or infinity). A penalizer or more iterations may help."""

class StoreError(TouchpointError, OSError):
    """``STORE_ERROR``: a durable store (:meth:`LiveEngine.open`) could not be opened, read or
    written: the file system refused, the file is not a store, or another process holds it."""

class InternalError(TouchpointError):
    """``INTERNAL``: a bug in touchpoint, caught at the boundary. Please report it."""

# ---------------------------------------------------------------- churn risk and lifetime value

TimeUnit = Literal["hour", "day", "week", "month"]
"""The unit purchase histories are counted in (lifetimes' ``freq``: ``"h"``, ``"D"``, ``"W"``,
``"M"``); weeks run Monday to Sunday, UTC."""

PurchaseModelName = Literal["bg_nbd", "mbg_nbd", "pareto_nbd", "bg_bb"]
"""The purchase models: BG/NBD, MBG/NBD, Pareto/NBD and BG/BB (discrete periods)."""

Histories = ArrowStreamExportable
"""Purchase histories: any Arrow table or data frame (pyarrow, pandas >= 2.2, polars) with
the columns ``frequency``, ``recency`` and ``T`` (``customer_id``, text or integers, and
``monetary_value`` optional), as :func:`purchase_histories` returns them or as a lifetimes
summary frame after ``reset_index()``. The unit is read from the schema metadata ``unit`` /
``unit_multiplier`` when present, else days. A missing column is a :class:`ConfigError` naming
it; a bad value an error naming the customer's row (``"record 2"``), the column and the id. The
per-customer results (``predict``, :func:`lifetime_value`) carry the histories' own
``customer_id`` column unchanged (integers stay integers; row numbers as text without one)."""

@type_check_only
class PurchaseHistoryOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.purchase_histories`."""

    unit: TimeUnit
    unit_multiplier: int
    observation_end: Optional[TimeInput]
    calibration_end: Optional[TimeInput]
    include_first_purchase: bool
    purchase_kinds: Sequence[str]
    refund_kinds: Sequence[str]

@type_check_only
class ChurnRiskReport(TypedDict):
    """The result of :func:`churn_risk`."""

    threshold: float
    horizon: float
    customers: int
    at_risk: int
    at_risk_share: Optional[float]
    """Percent of the customers at risk (None without customers)."""
    value_at_risk: Optional[float]
    """The sum of the customers' value at risk (None without a spend model)."""
    rows: pyarrow.Table
    """Every customer ranked by value at risk (purchases at risk without a spend model),
    largest first: ``rank``, ``customer_id``, ``probability_alive``, ``expected_purchases``,
    ``at_risk``, ``purchases_at_risk``, ``clv``, ``value_at_risk`` (the last three null where
    there is nothing to compute them from)."""

@type_check_only
class CalibrationGroup(TypedDict):
    frequency: int
    or_more: bool
    customers: int
    actual: float
    predicted: float

@type_check_only
class CalibrationReport(TypedDict):
    """The result of :func:`calibration_report`."""

    duration: float
    customers: int
    actual_purchases: float
    predicted_purchases: float
    mean_absolute_error: Optional[float]
    groups: List[CalibrationGroup]

def purchase_histories(
    data: ArrowStreamExportable,
    *,
    customer_id: str = "customer_id",
    timestamp: str = "timestamp",
    value: str = "value",
    unit: TimeUnit = "day",
    unit_multiplier: int = 1,
    observation_end: Optional[TimeInput] = None,
    calibration_end: Optional[TimeInput] = None,
    include_first_purchase: bool = False,
) -> pyarrow.Table:
    """Each customer's purchase history from a frame of transactions, as lifetimes'
    ``summary_data_from_transaction_data`` (and ``calibration_and_holdout_data`` with a
    ``calibration_end``) define it.

    ``data`` is any Arrow table or data frame, read in place (as :meth:`Dataset.from_arrow`
    reads it): ids of text or integers, times of any Arrow time type, numeric values. A
    negative value is a refund (taken off its period's spend); without a ``value`` column
    every purchase is worth 0. Customers come in order of first appearance. The table has
    ``customer_id`` (``int64`` when the ids are integers, else text), ``frequency``, ``recency``, ``T``, ``monetary_value`` (+
    ``holdout_frequency``, ``holdout_monetary_value``, ``holdout_duration`` when split); its
    schema metadata holds the unit, read back by the fits."""

@final
class PurchaseModel:
    """A fitted (or given) purchase model. Saved and loaded as JSON, in any language."""

    @classmethod
    def from_params(
        cls, model: PurchaseModelName, params: Mapping[str, float], *, unit: TimeUnit = "day", unit_multiplier: int = 1
    ) -> "PurchaseModel":
        """A model with known parameters (lifetimes' names: ``r, alpha, a, b``; Pareto/NBD
        ``r, alpha, s, beta``; BG/BB ``alpha, beta, gamma, delta``)."""

    @classmethod
    def from_json(cls, text: str) -> "PurchaseModel":
        """A model saved with :meth:`to_json`; a bad field is a :class:`ConfigError` naming it."""

    def to_json(self) -> str: ...
    @property
    def model(self) -> PurchaseModelName: ...
    @property
    def params(self) -> Dict[str, float]: ...
    @property
    def standard_errors(self) -> Optional[Dict[str, float]]: ...
    @property
    def log_likelihood(self) -> Optional[float]: ...
    @property
    def customers(self) -> int: ...
    @property
    def unit(self) -> TimeUnit: ...
    @property
    def unit_multiplier(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    def probability_alive(self, frequency: float, recency: float, T: float) -> float:
        """P(alive) of a customer with this history."""

    def expected_purchases(self, horizon: float, frequency: float, recency: float, T: float) -> float:
        """Expected purchases over the next ``horizon`` units of a customer with this history."""

    def expected_purchases_new_customer(self, horizon: float) -> float:
        """Expected purchases of a new customer in their first ``horizon`` units."""

    def probability_of_purchases(self, n: int, horizon: float) -> float:
        """P(a new customer makes exactly ``n`` purchases in ``horizon`` units)."""

    def predict(self, histories: Histories, horizon: float) -> pyarrow.Table:
        """``customer_id``, ``probability_alive``, ``expected_purchases`` (over ``horizon``)
        for every customer of ``histories``."""

@final
class SpendModel:
    """A fitted (or given) Gamma-Gamma spend model."""

    @classmethod
    def from_params(cls, params: Mapping[str, float]) -> "SpendModel":
        """A model with known parameters ``p``, ``q``, ``v``."""

    @classmethod
    def from_json(cls, text: str) -> "SpendModel": ...
    def to_json(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def params(self) -> Dict[str, float]: ...
    @property
    def standard_errors(self) -> Optional[Dict[str, float]]: ...
    @property
    def log_likelihood(self) -> Optional[float]: ...
    @property
    def customers(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    def expected_spend(self, frequency: float, monetary_value: float) -> float:
        """The expected mean value of a customer's future purchases."""

    def predict(self, histories: Histories) -> pyarrow.Table:
        """``customer_id``, ``expected_spend`` for every customer (reads ``frequency`` and
        ``monetary_value`` only)."""

def fit_purchase_model(
    histories: Histories,
    model: PurchaseModelName = "bg_nbd",
    *,
    penalizer: float = 0.0,
    tolerance: Optional[float] = None,
    max_iterations: Optional[int] = None,
    initial_params: Optional[Mapping[str, float]] = None,
) -> PurchaseModel:
    """Fits a purchase model by maximum likelihood (the GIL is released). A fit without an
    optimum raises :class:`ConvergenceError`."""

def fit_spend_model(
    histories: Histories,
    *,
    penalizer: float = 0.0,
    q_constraint: bool = False,
    tolerance: Optional[float] = None,
    max_iterations: Optional[int] = None,
) -> SpendModel:
    """Fits Gamma-Gamma on the customers with repeat purchases (reads ``frequency`` and
    ``monetary_value`` only)."""

def lifetime_value(
    purchase_model: PurchaseModel,
    spend_model: SpendModel,
    histories: Histories,
    *,
    months: int = 12,
    discount_rate: float = 0.01,
) -> pyarrow.Table:
    """``customer_id``, ``clv``: each customer's discounted value over ``months`` months
    (lifetimes' ``customer_lifetime_value``). The histories must be in the purchase model's
    unit (:class:`ConfigError` naming ``unit`` otherwise)."""

def churn_risk(
    purchase_model: PurchaseModel,
    histories: Histories,
    *,
    spend_model: Optional[SpendModel] = None,
    threshold: float = 0.3,
    horizon: Optional[float] = None,
    months: int = 12,
    discount_rate: float = 0.01,
) -> ChurnRiskReport:
    """Every customer's probability alive, expected purchases over ``horizon`` (default one
    month of units), an at-risk flag (``probability_alive < threshold``) and, with a spend
    model, CLV and value at risk; ranked, largest risk first."""

def calibration_report(
    purchase_model: PurchaseModel, histories: Histories, *, max_frequency: int = 7
) -> CalibrationReport:
    """Predicted against actual holdout purchases, by calibration frequency: ``histories``
    made with a ``calibration_end``."""

# ---------------------------------------------------------------- experiments

@type_check_only
class ExperimentInterval(TypedDict):
    lower: Optional[float]
    upper: Optional[float]

@type_check_only
class SampleRatioCheck(TypedDict):
    units: List[int]
    expected: List[float]
    chi_square: float
    p_value: float
    mismatch: bool

@type_check_only
class ExperimentVariant(TypedDict):
    variant: str
    units: int
    value: float
    std_error: float
    interval: ExperimentInterval

@type_check_only
class ExperimentEffect(TypedDict):
    estimate: float
    std_error: float
    interval: ExperimentInterval
    statistic: float
    p_value: float

@type_check_only
class ExperimentBayesian(TypedDict):
    effect: float
    std_dev: float
    credible_interval: ExperimentInterval
    chance_to_win: float
    risk_control: float
    risk_treatment: float
    beta_chance_to_win: Optional[float]

@type_check_only
class ExperimentComparison(TypedDict):
    variant: str
    absolute: ExperimentEffect
    relative: Optional[ExperimentEffect]
    degrees_of_freedom: Optional[float]
    adjusted_p_value: Optional[float]
    bayesian: Optional[ExperimentBayesian]
    significant: bool
    verdict: str

@type_check_only
class ExperimentMetricResult(TypedDict):
    metric: str
    kind: Literal["conversion", "mean", "ratio"]
    variants: List[ExperimentVariant]
    comparisons: List[ExperimentComparison]

@type_check_only
class ExperimentReport(TypedDict):
    control: str
    sample_ratio: SampleRatioCheck
    metrics: List[ExperimentMetricResult]

def analyze_experiment(
    data: Mapping[str, Any],
    *,
    alpha: Optional[float] = None,
    alternative: Optional[Literal["two_sided", "greater", "less"]] = None,
    difference: Optional[Literal["relative", "absolute"]] = None,
    pooled: Optional[bool] = None,
    correction: Optional[Literal["none", "holm", "benjamini_hochberg"]] = None,
    srm_threshold: Optional[float] = None,
    engine: Optional[Literal["frequentist", "bayesian"]] = None,
    prior: Optional[Mapping[str, float]] = None,
    sequential: Optional[bool] = None,
    sequential_tuning: Optional[float] = None,
) -> ExperimentReport:
    """An A/B (or A/B/n) test from each variant's sufficient statistics: ``data`` is
    ``{"variants": [...], "units": [...], "weights": [...] | None, "metrics": [{"name",
    "kind": "conversion" | "mean" | "ratio", "sum": [...], "sum_squares": [...],
    "units": [...], "denominator": {...}, "covariate": {...}}]}``, the control first
    (``denominator`` and ``covariate``: ``{"sum", "sum_squares", "sum_of_products"}``)."""

def sample_ratio_check(
    units: Sequence[int], weights: Optional[Sequence[float]] = None, threshold: float = 0.001
) -> SampleRatioCheck:
    """The exposures per variant against the planned split (chi-square)."""

@type_check_only
class SampleSize(TypedDict):
    control: float
    treatment: float
    total: int
    effect_size: float

@type_check_only
class DetectableEffect(TypedDict):
    treatment: float
    absolute: float
    relative: Optional[float]
    effect_size: float

def sample_size(
    kind: Literal["conversion", "mean", "ratio"],
    baseline: float,
    relative_effect: float,
    *,
    std_dev: Optional[float] = None,
    alpha: Optional[float] = None,
    power: Optional[float] = None,
    alternative: Optional[Literal["two_sided", "greater"]] = None,
    ratio: Optional[float] = None,
) -> SampleSize:
    """The units needed to detect ``relative_effect`` on ``baseline`` (statsmodels'
    ``NormalIndPower``; rates by Cohen's h)."""

def minimum_detectable_effect(
    kind: Literal["conversion", "mean", "ratio"],
    baseline: float,
    control_units: float,
    *,
    std_dev: Optional[float] = None,
    alpha: Optional[float] = None,
    power: Optional[float] = None,
    alternative: Optional[Literal["two_sided", "greater"]] = None,
    ratio: Optional[float] = None,
) -> DetectableEffect:
    """The smallest increase ``control_units`` control units detect with the planned power."""

@type_check_only
class NpsEstimate(TypedDict):
    responses: int
    nps: float
    std_error: float

@type_check_only
class NpsDifference(TypedDict):
    control: NpsEstimate
    treatment: NpsEstimate
    difference: float
    std_error: float
    lower: float
    upper: float
    z: float
    p_value: float
    significant: bool

def nps_difference(
    control: Union[Mapping[str, Any], Iterable[SupportsFloat]],
    treatment: Union[Mapping[str, Any], Iterable[SupportsFloat]],
    alpha: float = 0.05,
) -> NpsDifference:
    """NPS of ``treatment`` minus ``control`` (counts, an ``nps()`` result, or the 0–10
    answers), with its interval and a z-test from the trinomial variance."""

@type_check_only
class ExperimentMetricPart(TypedDict, total=False):
    measure: Literal["count", "sum"]
    kinds: List[str]

@type_check_only
class ExperimentMetric(TypedDict, total=False):
    """One metric of :meth:`Dataset.experiment`, measured per exposed customer after the first
    exposure; ``name`` and ``measure`` are required."""
    name: str
    measure: Literal["converted", "funnel", "count", "sum", "ratio", "nps", "csat", "ces", "retained"]
    kinds: List[str]
    steps: List[str]
    numerator: ExperimentMetricPart
    denominator: ExperimentMetricPart
    day: int
    window_seconds: float
    pre_exposure_seconds: float

@type_check_only
class ExperimentEventOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.experiment`; ``experiment_id`` and ``metrics`` are required."""
    experiment_id: str
    exposure_kind: str
    experiment_property: str
    variant_property: str
    variants: List[str]
    control: str
    weights: List[float]
    metrics: List[ExperimentMetric]
    breakdown: Union[Literal["channel", "stage"], Dict[str, str]]
    statistics: Dict[str, Any]

@type_check_only
class ExposureExclusions(TypedDict):
    multiple_variants: int
    unlisted_variant: int
    exposures_without_variant: int

@type_check_only
class SkippedMetric(TypedDict):
    metric: str
    reason: str

@type_check_only
class ExperimentGroup(TypedDict):
    group: str
    exposed: List[int]
    report: Optional[ExperimentReport]
    skipped_metrics: List[SkippedMetric]
    note: Optional[str]

@type_check_only
class ExperimentEventReport(TypedDict):
    experiment_id: str
    variants: List[str]
    exposed: List[int]
    excluded: ExposureExclusions
    data: Dict[str, Any]
    report: Optional[ExperimentReport]
    note: Optional[str]
    skipped_metrics: List[SkippedMetric]
    breakdown: List[ExperimentGroup]

def experiment_from_rows(
    rows: Any,
    *,
    metrics: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
    variant: str = "variant",
    variants: Optional[Sequence[str]] = None,
    control: Optional[str] = None,
    weights: Optional[Sequence[float]] = None,
) -> Dict[str, Any]:
    """One row per unit (a DataFrame, a pyarrow Table or a dict of columns) summed into the
    data :func:`analyze_experiment` takes. ``metrics``: name → ``"conversion"`` / ``"mean"``,
    or name → ``{"kind", "column", "denominator", "covariate"}``."""

def adjust_p_values(
    p_values: Sequence[float], correction: Literal["none", "holm", "benjamini_hochberg"]
) -> List[float]:
    """p-values adjusted for many comparisons (Holm-Bonferroni or Benjamini-Hochberg)."""

# ---------------------------------------------------------------- functions

@type_check_only
class ForgetReceipt(TypedDict):
    found: bool
    customers: int
    events: int
    traits: int
    ids: int

@type_check_only
class CustomerDerived(TypedDict):
    engagement_score: Optional[Dict[str, Any]]
    rfm: Optional[Dict[str, Any]]
    lifecycle: Optional[Dict[str, Any]]
    sessions: Optional[Dict[str, Any]]

@type_check_only
class CustomerExport(TypedDict):
    customer_id: str
    ids: List[str]
    traits: Dict[str, Any]
    events: List[Dict[str, Any]]
    derived: CustomerDerived

@type_check_only
class PartitionContext(TypedDict):
    """What every partition of one distributed run agrees on."""

    channels: List[str]
    """Every channel of the whole data, in order of first sight."""
    kinds: List[str]
    """Every event kind of the whole data, in order of first sight."""
    first_event: Union[int, datetime.datetime, str]
    """The earliest event of the whole data (ms since the epoch, a datetime or RFC 3339)."""
    last_event: Union[int, datetime.datetime, str]
    """The latest event of the whole data."""

def merge_partial_states(states: Iterable[bytes]) -> bytes:
    """Merges partial states of one analysis, options and context, in any order, into one.
    Overlapping key ranges, different analyses or options are a :class:`ConfigError`
    (field ``states``); bytes that are not a partial state of this version a :class:`ParseError`."""

def finish_partial_state(state: bytes) -> Dict[str, Any]:
    """The report of a merged partial state: what the analysis method gives on one machine."""

def pseudonymize(key: Union[bytes, str], id: str) -> str:
    """Lowercase hex of HMAC-SHA-256(key, id): the pseudonym the readers' `pseudonym_key` makes."""

def set_threads(threads: int) -> None:
    """How many threads readers and analyses use, for the whole process: ``0`` (the default)
    is every core, ``1`` the calling thread. Results are the same, bit for bit, whatever
    the setting. Raises :class:`ConfigError` (field ``threads``) unless ``0 <= threads <=
    1024``, and :class:`ArgumentError` for a non-``int``."""

def threads() -> int:
    """How many threads readers and analyses use now."""

def nps(answers: Iterable[SupportsFloat]) -> NpsSummary:
    """Net Promoter Score of 0–10 answers.

    ``answers`` is any iterable of real numbers (list, tuple, generator, range, numpy
    array). Raises :class:`OutOfRangeError` for an answer that is not a whole number from
    0 to 10 and :class:`ArgumentError` for one that is not a number (``bool`` included);
    both name the 1-based answer in ``.record`` (``"answer 2"``).
    """

def csat(answers: Iterable[SupportsFloat]) -> CsatSummary:
    """Customer satisfaction of 1–5 answers (share of 4s and 5s). Errors as :func:`nps`."""

def ces(answers: Iterable[SupportsFloat]) -> CesSummary:
    """Customer effort score of 1–7 answers. Errors as :func:`nps`."""

def _after_fork_in_child() -> None:
    """Gives a forked child a thread pool of its own (registered with os.register_at_fork)."""

def _panic_for_tests() -> None:
    """Panics inside the Rust core's guard; always raises :class:`InternalError`."""

@type_check_only
class OverviewOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.overview`: one block per analysis, plus ``stage_map`` for all."""

    stage_map: Dict[str, Optional[str]]
    sessions: SessionOptions
    lifecycle: LifecycleOptions
    funnel: Optional[FunnelOptions]
    retention: RetentionOptions
    rfm: RfmOptions
    journey: JourneyMapOptions
    pain_points: PainPointOptions
    pyramid: PyramidOptions


@type_check_only
class OverviewReport(TypedDict):
    """The result of :meth:`Dataset.overview`: every analysis, from one pass."""

    cx: CxReport
    sessions: SessionReport
    lifecycle: LifecycleReport
    funnel: Optional[FunnelReport]
    retention: RetentionReport
    rfm: RfmReport
    journey: JourneyMap
    pain_points: PainPointReport
    pyramid: PyramidReport


@final
class Dataset:
    """Customers and their touchpoints. Not constructible directly: use
    :meth:`from_events`, :meth:`read_segment`, :meth:`read_csv` or :meth:`from_arrow`.
    Immutable."""

    @staticmethod
    def from_events(
        events: Iterable[Union[Event, Mapping[str, Any]]],
        mode: Mode = "strict",
        pseudonym_key: Optional[Union[bytes, str]] = None,
    ) -> "Dataset":
        """A dataset from event dicts (any iterable of mappings).

        ``timestamp`` is a :data:`TimeInput`: text, epoch milliseconds, or a ``datetime``,
        ``date``, pandas ``Timestamp`` or ``numpy.datetime64``. Bad records raise (strict) or
        are listed in :attr:`rejected` (lenient), named ``"record N"`` (1-based) with the
        field: a time that cannot be read (``NaT``, a ``datetime.time``, an unsupported
        object) is an :class:`InvalidRecordError` naming ``timestamp``, a ``numpy.datetime64``
        beyond the years ±262,000 an :class:`OutOfRangeError`. An element that is not a
        mapping is a bad record too (:class:`InvalidRecordError`, ``field`` ``None``).
        ``events`` itself must be an iterable of mappings: a ``str`` or a single ``dict``
        raises :class:`ArgumentError`.
        """

    @staticmethod
    def read_segment(
        source: Source, mode: Mode = "strict", pseudonym_key: Optional[Union[bytes, str]] = None
    ) -> "Dataset":
        """A dataset from Segment-style JSON: an array of calls, NDJSON (one call per line,
        or one ``{"batch": [...]}`` per line) or a ``{"batch": [...]}`` document, whose
        ``context`` is merged into each call's.

        ``source`` is a path, a file object or the content (see :data:`Source`; a ``str`` is
        content if it has a line break or starts with ``[`` or ``{``, else a path). Files are
        streamed: only the call being read is held. Errors name ``"line N"`` (NDJSON) or
        ``"record N"`` (the calls of an array or of a batch document); a field inside the
        batch of an NDJSON line is named ``batch[i].<field>``. A missing file raises
        ``FileNotFoundError``; bytes that are not UTF-8 a :class:`ParseError` naming the line;
        an exception raised by a file object's ``read`` is raised as it is."""

    @staticmethod
    def read_csv(
        source: Source, mode: Mode = "strict", pseudonym_key: Optional[Union[bytes, str]] = None
    ) -> "Dataset":
        """A dataset from CSV with a header line (the header is line 1).

        ``source`` is a path, a file object or the content (see :data:`Source`; a ``str`` is
        content if it has a line break, else a path, as in ``pandas.read_csv``). Files are
        streamed: one line is held at a time. A missing file raises ``FileNotFoundError``; a
        line that is not UTF-8 is a :class:`ParseError` naming it (skipped in lenient mode);
        an exception raised by a file object's ``read`` is raised as it is."""

    @staticmethod
    def from_arrow(
        data: ArrowStreamExportable,
        *,
        customer_id: str = "customer_id",
        timestamp: str = "timestamp",
        channel: str = "channel",
        kind: str = "kind",
        value: str = "value",
        survey: str = "survey",
        score: str = "score",
        anonymous_id: str = "anonymous_id",
        text: str = "text",
        answers: Optional[Mapping[str, str]] = None,
        traits: Union[Sequence[str], Mapping[str, str], None] = None,
        mode: Mode = "strict",
        pseudonym_key: Optional[Union[bytes, str]] = None,
    ) -> "Dataset":
        """A dataset from an Arrow table or a data frame, read in place (no copy of the
        columns; the GIL is released while reading).

        ``data`` is anything with ``__arrow_c_stream__`` (the Arrow PyCapsule interface): a
        pyarrow ``Table`` or ``RecordBatch``, a polars ``DataFrame``, a pandas ``DataFrame``
        (pandas >= 2.2; with an older pandas pass ``pyarrow.Table.from_pandas(df)``), a
        DuckDB result, ... The keyword arguments name the columns:

        - ``customer_id``: strings (``utf8``, ``large_utf8``, ``utf8_view``, a dictionary /
          categorical of strings) or integers (``int8`` … ``int64``, ``uint8`` … ``uint64``,
          kept as their decimal text). Required; a null cell is a bad row unless the row has
          an ``anonymous_id``. A float column of ids is refused: cast it to integers (pandas:
          ``astype("Int64")``).
        - ``channel``, ``kind``: strings or a dictionary / categorical of strings. Required.
        - ``timestamp``: an Arrow timestamp of any unit (``s``, ``ms``, ``us``, ``ns``),
          with a time zone or naive (read as UTC), a ``date32`` / ``date64``, or ``int64``
          epoch milliseconds; truncated to milliseconds. Required.
        - ``value``, ``score``: floats or integers; null or NaN means none. ``survey``: a
          metric name (null = no answer), answered by ``score``. Optional: under their
          default names they may be absent.
        - ``anonymous_id``: like ``customer_id``, optional. A row with both ids ties them:
          every row of the anonymous id counts for that customer (docs/guide-identity.md).
        - ``text``: free text (strings; null or empty = none), optional: a comment, a
          review, a ticket, read by :meth:`voice_of_customer` and the ``negative_feedback``
          pain signal.
        - ``answers``: several answers per row. By default every column named after a
          metric (``nps``, ``csat``, ``ces``, ``will_buy_again``, ``delivers_promise``,
          ``fair_solution``) that the data has is read; ``{"nps": "q_recommend", ...}``
          reads exactly those columns instead (``{}``: none). Floats or integers, null or
          NaN = no answer on that row.
        - ``traits``: columns read as customer traits: ``["plan", "country"]`` (the trait is
          named like its column) or ``{"plan": "plan_col"}``. Strings, numbers or booleans;
          each customer gets the value of its latest row (by time) where the cell is not
          null. Rule segments (``plan == "pro"``) and trait breakdowns then work on them.

        Other columns are ignored. A missing column (or an optional one named explicitly
        and absent) raises :class:`ConfigError` with ``field`` = the keyword (``"answers"``,
        ``"traits"`` for those); a column of an unsupported type raises
        :class:`ArgumentError` with ``field`` = the column. A bad row (a null or empty
        required cell, an NPS of 11, ...) raises (strict) or is listed in :attr:`rejected`
        (lenient), named ``"record N"`` (1-based row) with ``field`` = the column name.
        """

    @property
    def customer_count(self) -> int:
        """Number of customers (including those known from an ``identify`` only)."""

    @property
    def event_count(self) -> int:
        """Number of events."""

    @property
    def rejected(self) -> List[Rejection]:
        """Records skipped by a lenient read, in input order (a new list each access)."""

    def forget(self, id: Union[str, List[str]]) -> ForgetReceipt:
        """Forgets the customer of `id` (its id, an anonymous id or an alias), or of each id
        of a list, in place; returns the receipt (counts only). Unknown id: `found` False.
        Raises InvalidRecordError for an invalid id (nothing is forgotten), and
        ArgumentError while an analysis runs on another thread."""
    def export(self, id: str) -> Optional[CustomerExport]:
        """Everything held about the customer of `id`, or None."""
    def partial_state(
        self,
        analysis: str,
        options: Optional[Mapping[str, Any]] = None,
        *,
        context: PartitionContext,
        keys: Tuple[int, int],
    ) -> bytes:
        """The mergeable partial state of ``analysis`` (a method name: ``"overview"``,
        ``"funnel"``, …) over this dataset as one partition of a larger one, as versioned
        bytes. Aligns this dataset to ``context`` in place. ``keys``: the smallest and largest
        ordering key of its customers (their first sight in the whole data); partitions hold
        disjoint key ranges. See :mod:`touchpoint.spark` and docs/guide-scale.md."""
    def summary(self) -> DatasetSummary:
        """Counts and time span."""

    def cx_report(self, stage_map: Optional[Mapping[str, Optional[str]]] = None) -> CxReport:
        """The CX report: NPS, CSAT and CES overall, per channel and per journey stage.

        ``stage_map`` overrides the default kind → stage mapping, e.g.
        ``{"survey_response": "discover", "purchase": None}``; an unknown stage name
        raises :class:`ConfigError` with ``field == "stage_map.<kind>"``.
        """

    def journey_map(self, options: Optional[JourneyMapOptions] = None) -> JourneyMap:
        """The journey map: every transition between steps (event kinds, channels or both)
        with its probability and median time, the most common paths, and channel switching."""

    def pain_points(self, options: Optional[PainPointOptions] = None) -> PainPointReport:
        """Pain points: friction signals per channel and journey stage, each with a 0–100
        severity, ranked by severity × weight."""

    def voice_of_customer(self, options: Optional[DatasetVoiceOptions] = None) -> VoiceReport:
        """The voice of the customer over the events' free text (``text``): per touchpoint
        (the event's kind), channel, journey stage reached and segment (a trait, with
        ``segment_trait``), the sentiment of what customers wrote, the share of negative
        comments and the terms that most set them apart (tidylo's weighted log odds)."""

    def overview(self, options: Optional[OverviewOptions] = None) -> OverviewReport:
        """Every analysis at once, from a single pass over each customer's events: the CX
        report, sessions, lifecycle, a funnel (when ``options["funnel"]`` is given),
        retention, RFM segments, the journey map, pain points and the CX pyramid."""

    def cx_pyramid(self, options: Optional[PyramidOptions] = None) -> PyramidReport:
        """The CX pyramid: six levels, each an indicator judged against a threshold; the
        highest level reached and the weakest."""

    def sessions(self, options: Optional[SessionOptions] = None) -> SessionReport:
        """Sessions: events split at gaps of inactivity; sessions per customer, events per
        session, duration and time per customer (mean and median)."""

    def engagement(self, options: Optional[EngagementOptions] = None) -> EngagementReport:
        """Engagement metrics (click-through, opens, conversion, active users, stickiness,
        frequency, retention, repeat purchase, upsell, social, referrals), overall, per
        group and per time bucket."""

    def lifecycle(self, options: Optional[LifecycleOptions] = None) -> LifecycleReport:
        """Lifecycle: new / returning / resurrecting / dormant customers per period,
        engagement phases and journey-stage transitions."""

    def engagement_score(self, options: Optional[EngagementScoreOptions] = None) -> EngagementScoreReport:
        """The engagement score: 0–100 per customer from weighted, decaying events; health
        bands, trend and distribution."""

    def funnel(self, options: Optional[FunnelOptions] = None) -> FunnelReport:
        """The funnel of ``options["steps"]`` (required): customers per step, conversion,
        drop-off and time between steps, optionally broken down."""

    def retention(self, options: Optional[RetentionOptions] = None) -> RetentionReport:
        """Cohort retention: per cohort and period, the customers who came back."""

    def rfm(self, options: Optional[RfmOptions] = None) -> RfmReport:
        """RFM: recency, frequency and monetary scores 1–5 and named segments."""

    def engagement_tiers(self, options: Optional[TierOptions] = None) -> TierReport:
        """Engagement tiers (inactive, casual, engaged, power by default) by events in a
        recent window."""

    def rule_segments(self, options: Optional[RuleSegmentOptions] = None) -> RuleSegmentReport:
        """Rule segments: customers matching named rules of the segment predicate language."""

    def experiment(self, options: Optional[ExperimentEventOptions] = None) -> ExperimentEventReport:
        """An A/B test from the events: each customer's variant from their first exposure
        (``Experiment Viewed``), metrics over their events after it, analysed as
        :func:`analyze_experiment` does. ``options`` are required (``experiment_id``,
        ``metrics``): without them, a :class:`ConfigError`."""

    def purchase_histories(self, options: Optional[PurchaseHistoryOptions] = None) -> pyarrow.Table:
        """Each customer's purchase history from the purchase (and refund) events, as
        :func:`purchase_histories` gives it for transactions."""

# ---- The voice of the customer: sentiment (core: core/src/feedback/) ----

SentimentLabel = Literal["positive", "neutral", "negative", "unscored"]

@type_check_only
class Sentiment(TypedDict):
    """The sentiment of one text, as VADER scores it; the four scores are None only when
    the text is unscored (a language no loaded lexicon is for)."""

    label: SentimentLabel
    compound: Optional[float]
    positive: Optional[float]
    neutral: Optional[float]
    negative: Optional[float]
    language: Optional[str]

SentimentText = Union[str, bytes]

def sentiment(text: SentimentText, *, detect_language: bool = True, threshold: float = 0.05) -> Sentiment:
    """The sentiment of one text with VADER's English lexicon (the same scores as
    vaderSentiment 3.3.2)."""

def sentiments(texts: Iterable[Optional[SentimentText]], *, detect_language: bool = True, threshold: float = 0.05) -> pyarrow.Table:
    """The sentiment of each text (a list, a pandas Series, a pyarrow array) as a Table with
    the columns label, compound, positive, neutral, negative, language; scored in parallel."""

@final
class Lexicon:
    """The words (and emoji) sentiment is scored with, for one language, in VADER's format."""

    @classmethod
    def english(cls) -> "Lexicon":
        """VADER's English lexicon and emoji lexicon (vaderSentiment 3.3.2)."""

    @classmethod
    def parse(cls, text: str, *, language: str = "eng") -> "Lexicon":
        """A lexicon in VADER's format (word, tab, valence per line); a bad line is a
        :class:`ParseError` naming it."""

    @classmethod
    def empty(cls, language: str) -> "Lexicon":
        """An empty lexicon for ``language`` (an ISO 639-3 code such as ``"spa"``)."""

    def set_word(self, word: str, valence: float) -> None:
        """Adds or overrides a word (lowercased)."""

    def remove_word(self, word: str) -> bool:
        """Removes a word; whether it was there."""

    def add_emojis(self, text: str) -> None:
        """Adds emoji in VADER's format (emoji, tab, description per line)."""

    def valence(self, word: str) -> Optional[float]:
        """A word's valence (looked up in lowercase), or None."""

    @property
    def language(self) -> str:
        """The language's ISO 639-3 code."""

    def __len__(self) -> int: ...

@final
class SentimentAnalyzer:
    """Scores texts with one lexicon per language (VADER's English one by default)."""

    def __new__(
        cls, lexicons: Optional[Sequence[Lexicon]] = None, *, detect_language: bool = True, threshold: float = 0.05
    ) -> "SentimentAnalyzer": ...

    def score(self, text: SentimentText) -> Sentiment:
        """The sentiment of one text."""

    def score_all(self, texts: Iterable[Optional[SentimentText]]) -> pyarrow.Table:
        """The sentiment of each text, as :func:`sentiments` gives it."""

    @property
    def languages(self) -> List[str]:
        """The languages of the lexicons, the default first."""

# ---------------------------------------------------------------- survey programmes

SurveyTemplate = Literal["nps", "csat", "ces", "engagement"]
QuestionType = Literal[
    "nps", "csat", "ces", "likert", "rating", "yes_no", "single_choice", "multiple_choice", "text"
]

@type_check_only
class Question(TypedDict, total=False):
    """One question. A scale takes ``points`` (1 to points) or ``min`` and ``max``; NPS is
    always 0–10. Boxes are the favourable / unfavourable answers after reversing."""

    id: str
    text: str
    type: QuestionType
    points: int
    min: int
    max: int
    top_box: List[int]
    bottom_box: List[int]
    reverse: bool
    choices: List[str]

@type_check_only
class SurveyDefinition(TypedDict, total=False):
    """A survey: its questions, and the ones averaged into an engagement index."""

    id: str
    questions: List[Question]
    engagement_index: List[str]

@type_check_only
class RatingScore(TypedDict):
    """A rating's mean and boxes (percentages; margins are 95% half-widths)."""

    min: int
    max: int
    counts: List[int]
    mean: Optional[float]
    std_dev: Optional[float]
    margin_of_error: Optional[float]
    top_box: int
    top_box_share: Optional[float]
    top_box_margin: Optional[float]
    bottom_box: int
    bottom_box_share: Optional[float]
    bottom_box_margin: Optional[float]

@type_check_only
class QuestionScore(TypedDict):
    """One question's scores: the field of its type is set, the others are None."""

    question: str
    type: QuestionType
    responses: int
    skipped: int
    nps: Optional[NpsSummary]
    rating: Optional[RatingScore]
    yes_no: Optional[Dict[str, Any]]
    choices: Optional[List[Dict[str, Any]]]
    sentiment: Optional[Dict[str, Any]]

@type_check_only
class ResponseRate(TypedDict):
    invitations: int
    responded: int
    rate: Optional[float]
    margin_of_error: Optional[float]
    median_seconds_to_respond: Optional[float]

@type_check_only
class GroupScores(TypedDict):
    """The scores of one group of responses (``group`` None: not given, or overall)."""

    group: Optional[str]
    responses: int
    questions: List[QuestionScore]
    engagement_index: Optional[float]
    response_rate: Optional[ResponseRate]

@type_check_only
class EngagementIndex(TypedDict):
    """The engagement index (0–100); ``per_customer`` is a Table (customer_id, index, responses)."""

    questions: List[str]
    index: Optional[float]
    std_dev: Optional[float]
    margin_of_error: Optional[float]
    customers: int
    complete_responses: int
    incomplete_responses: int
    by_question: List[Dict[str, Any]]
    weakest_question: Optional[str]
    per_customer: pyarrow.Table

@type_check_only
class SurveyReport(TypedDict):
    """A survey wave, scored."""

    survey: str
    responses: int
    customers: int
    first_response: Optional[str]
    last_response: Optional[str]
    overall: GroupScores
    engagement_index: Optional[EngagementIndex]
    by_channel: List[GroupScores]
    by_touchpoint: List[GroupScores]
    by_stage: List[GroupScores]
    by_segment: List[GroupScores]
    by_period: List[GroupScores]
    responses_without_invitation: Optional[int]
    warnings: List[Dict[str, Any]]

@type_check_only
class WaveChange(TypedDict):
    question: str
    measure: Literal["nps", "mean", "top_box_share", "yes_share", "engagement_index"]
    earlier: Optional[float]
    later: Optional[float]
    difference: Optional[float]
    lower: Optional[float]
    upper: Optional[float]
    p_value: Optional[float]
    significant: bool
    note: Optional[str]

@type_check_only
class WaveComparison(TypedDict):
    alpha: float
    earlier_responses: int
    later_responses: int
    changes: List[WaveChange]

def survey_template(name: SurveyTemplate) -> SurveyDefinition:
    """A built-in survey: ``nps``, ``csat``, ``ces`` or ``engagement`` (the five engagement
    questions, scored into an engagement index), each with a free-text ``comment``."""

def score_survey(
    survey: Union[SurveyTemplate, SurveyDefinition, Mapping[str, Any]],
    responses: Any,
    *,
    invitations: Any = None,
    **options: Any,
) -> SurveyReport:
    """Scores a wave of responses (a DataFrame, a pyarrow Table or a list of dicts; wide by
    default, ``layout="long"`` for one row per answer): every question overall and per
    channel, touchpoint, stage, segment (and ``period``), the engagement index, response rates
    from ``invitations``, and warnings."""

def compare_survey_waves(
    earlier: SurveyReport, later: SurveyReport, *, alpha: float = 0.05
) -> WaveComparison:
    """Two waves compared question by question: NPS by the trinomial z-test, means by Welch's
    t-test, top-box and yes shares by two-proportion z-tests, the index by Welch's t."""

# ---------------------------------------------------------------- the voice of the customer

@type_check_only
class NegativeTerm(TypedDict):
    """A term that sets a group's negative comments apart (tidylo's weighted log odds)."""

    term: str
    negative: int
    other: int
    negative_comments: int
    log_odds: float
    log_odds_weighted: float
    examples: List[str]

@type_check_only
class VoiceGroup(TypedDict):
    """The voice of one group of comments (``group`` None: not given, or overall)."""

    group: Optional[str]
    comments: int
    blank: int
    positive: int
    neutral: int
    negative: int
    unscored: int
    negative_share: Optional[float]
    mean_compound: Optional[float]
    negative_terms: List[NegativeTerm]

@type_check_only
class VoiceReport(TypedDict):
    overall: VoiceGroup
    by_touchpoint: List[VoiceGroup]
    by_channel: List[VoiceGroup]
    by_stage: List[VoiceGroup]
    by_segment: List[VoiceGroup]

@type_check_only
class DatasetVoiceOptions(TypedDict, total=False):
    """Options of :meth:`Dataset.voice_of_customer`."""

    detect_language: bool
    """Detect each text's language; one no lexicon is for is unscored (default True)."""
    threshold: float
    """The compound score at or below whose negative a text is negative (default 0.05)."""
    terms: int
    """The negative terms listed per group (default 10, at most 1000)."""
    min_comments: int
    """A term must occur in at least this many negative texts of a group (default 2)."""
    examples: int
    """Example texts per term (default 3, at most 20)."""
    segment_trait: Optional[str]
    """The customer trait whose value is a comment's segment (default none)."""
    stage_map: Mapping[str, Optional[str]]
    """Journey-stage overrides (kind → stage or None)."""

def voice_of_customer(
    comments: Any,
    *,
    detect_language: bool = True,
    threshold: float = 0.05,
    terms: int = 10,
    min_comments: int = 2,
    examples: int = 3,
    ignore_columns: Sequence[str] = (),
) -> VoiceReport:
    """Per touchpoint, channel, stage and segment: the comments' sentiment, the share of
    negative ones and the terms that most set them apart, with counts and examples. Comments
    are a DataFrame, a pyarrow Table or a list of dicts (customer_id, timestamp, text, and
    optionally channel, touchpoint, stage, segment)."""

# ---------------------------------------------------------------- the live engine

@type_check_only
class LiveEvent(Event, total=False):
    """An event dict for :meth:`LiveEngine.push`: an :class:`Event` with an optional ``id``."""

    id: Union[str, int, None]
    """The event's id (a message id): a second event of the same customer and id is dropped
    and counted in ``stats["duplicates"]``."""

@type_check_only
class ComputedTrait(TypedDict, total=False):
    """A computed trait, as Segment defines them."""

    name: str
    aggregate: Literal[
        "count", "sum", "mean", "min", "max", "most_frequent", "first", "last", "unique", "unique_count"
    ]
    of: str
    """``"value"``, ``"channel"``, ``"kind"`` or a property name; not for ``count``."""
    kinds: List[str]
    window_seconds: float

@type_check_only
class LiveOptions(TypedDict, total=False):
    """Options of :class:`LiveEngine` (docs/guide-live.md)."""

    stage_map: Dict[str, Optional[str]]
    lifecycle: LifecycleOptions
    engagement_score: EngagementScoreOptions
    """``scale`` is required (default 10); ``as_of`` must be unset."""
    sessions: SessionOptions
    segments: List[SegmentRule]
    computed_traits: List[ComputedTrait]
    at_risk_days: float
    reorder_seconds: float

SignalKind = Literal[
    "stage_entered",
    "lifecycle_changed",
    "phase_changed",
    "health_band_changed",
    "segment_entered",
    "segment_left",
    "became_at_risk",
    "no_longer_at_risk",
    "detractor",
]

Signal = TypedDict(
    "Signal",
    {
        "customer_id": str,
        "at": str,
        "signal": SignalKind,
        "from": Optional[str],
        "to": Optional[str],
        "reason": str,
        "late": bool,
    },
)
"""One change in one customer's state (``from`` and ``to``: a stage, status, phase, band or
segment name). ``late``: caused by an event older than the reorder window (a correction)."""

@type_check_only
class CustomerState(TypedDict):
    """One customer's state at the engine's clock."""

    customer_id: str
    events: int
    first_seen: Optional[str]
    last_seen: Optional[str]
    stage: Optional[StageName]
    lifecycle_status: Optional[Literal["new", "returning", "resurrecting", "dormant"]]
    phase: Optional[Literal["first_experience", "relationship", "loyalty", "advocacy"]]
    last_active: Optional[str]
    active_days: int
    engagement_score: float
    health_band: str
    at_risk: bool
    sessions: int
    purchases: int
    revenue: float
    last_purchase: Optional[str]
    nps_last: Optional[int]
    csat_last: Optional[int]
    ces_last: Optional[int]
    traits: Dict[str, Any]
    computed_traits: Dict[str, Any]
    segments: List[str]

@type_check_only
class LiveStats(TypedDict):
    customers: int
    events: int
    duplicates: int
    late_events: int
    out_of_order_events: int
    unmerged_ties: int

@final
class LiveEngine:
    """Customers' state kept live: feed events in any order, get change signals back."""

    def __new__(
        cls, options: Optional[LiveOptions] = None, *, on_signal: Optional[Callable[[Signal], Any]] = None
    ) -> "LiveEngine": ...
    def push(self, events: Union[LiveEvent, Mapping[str, Any], Iterable[Union[LiveEvent, Mapping[str, Any]]]]) -> List[Signal]:
        """Takes one event dict or an iterable of them; returns the signals, in order."""
    def advance(self, now: TimeInput) -> List[Signal]:
        """Moves the clock to ``now``; returns the signals of time passing."""
    def customer(self, customer_id: str) -> Optional[CustomerState]: ...
    def customers(self) -> List[CustomerState]: ...
    @property
    def stats(self) -> LiveStats: ...
    @property
    def now(self) -> Optional[str]: ...
    @property
    def options(self) -> LiveOptions: ...
    def snapshot(self) -> bytes: ...
    @staticmethod
    def restore(data: bytes, *, on_signal: Optional[Callable[[Signal], Any]] = None) -> "LiveEngine": ...
    @staticmethod
    def open(
        path: Union[str, "os.PathLike[str]"],
        options: Optional[LiveOptions] = None,
        *,
        on_signal: Optional[Callable[[Signal], Any]] = None,
    ) -> "LiveEngine":
        """An engine kept in the store file at ``path``: every ``push`` and ``advance`` that
        returns is on disk. Raises :class:`StoreError` for a file that cannot be used."""
    def checkpoint(self) -> None:
        """Writes a snapshot into the store and drops the log it covers (``open`` only)."""
    def close(self) -> None:
        """Releases the engine and its store; later calls raise :class:`ArgumentError`."""
    def __enter__(self) -> "LiveEngine": ...
    def __exit__(self, *args: object) -> bool: ...
    def __len__(self) -> int: ...
