"""touchpoint: customer-experience analytics (NPS, CSAT, CES, journey stages).

Results are plain dicts with the Rust core's snake_case keys; ``None`` means "no data"
(never NaN). Every error is a :class:`TouchpointError` with ``.code``, ``.record`` and
``.field``.
"""

from typing import Any, Iterable, List, Literal, Mapping, Optional, SupportsFloat, TypedDict, Union

__version__: str

Mode = Literal["strict", "lenient"]
"""How to treat a bad record: ``"strict"`` raises on the first, ``"lenient"`` skips it
and lists it in :attr:`Dataset.rejected`. Case-insensitive."""

StageName = Literal["discover", "shop", "buy", "own", "advocate"]
"""The five journey stages, in order."""

# ---------------------------------------------------------------- result shapes

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

class DatasetSummary(TypedDict):
    """Counts and time span of a dataset. Times are RFC 3339 strings in UTC."""

    customers: int
    events: int
    first_event: Optional[str]
    last_event: Optional[str]

class ScoreSet(TypedDict):
    """NPS, CSAT and CES of one group of answers."""

    nps: NpsSummary
    csat: CsatSummary
    ces: CesSummary

class StageScores(TypedDict):
    """Scores of the answers given while customers stood at ``stage``."""

    stage: StageName
    nps: NpsSummary
    csat: CsatSummary
    ces: CesSummary

class StageCount(TypedDict):
    """How many customers have ``stage`` as their furthest, and their percentage."""

    stage: StageName
    customers: int
    share: Optional[float]

class CxReport(TypedDict):
    """The CX report of a dataset."""

    dataset: DatasetSummary
    overall: ScoreSet
    by_channel: dict[str, ScoreSet]
    """Scores per channel name (``"email"``, ``"web"``, …)."""
    by_stage: List[StageScores]
    """One entry per stage, in journey order."""
    no_stage: ScoreSet
    """Answers given before the customer reached any stage."""
    stage_distribution: List[StageCount]
    """Customers per furthest stage reached, in journey order."""
    customers_without_stage: int

class Rejection(TypedDict):
    """A record skipped by a lenient read (same fields as the exception it would raise)."""

    code: str
    message: str
    record: Optional[str]
    """``"line 3"`` (text input) or ``"record 2"`` (event dicts)."""
    field: Optional[str]

class Survey(TypedDict):
    """The survey answer an event may carry."""

    metric: str
    """``"nps"``, ``"csat"`` or ``"ces"``."""
    score: float

class _EventRequired(TypedDict):
    customer_id: str
    timestamp: Union[str, int]
    """RFC 3339 / ISO 8601 text (``"2026-03-01T09:30:00Z"``) or epoch milliseconds.
    ``datetime`` objects are not accepted."""
    channel: str
    kind: str

class Event(_EventRequired, total=False):
    """An event dict for :meth:`Dataset.from_events`."""

    value: Optional[float]
    survey: Survey
    properties: dict[str, Any]

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

class InternalError(TouchpointError):
    """``INTERNAL``: a bug in touchpoint, caught at the boundary. Please report it."""

# ---------------------------------------------------------------- functions

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

def _panic_for_tests() -> None:
    """Panics inside the Rust core's guard; always raises :class:`InternalError`."""

class Dataset:
    """Customers and their touchpoints. Not constructible directly: use
    :meth:`from_events`, :meth:`read_segment` or :meth:`read_csv`. Immutable."""

    @staticmethod
    def from_events(events: Iterable[Union[Event, Mapping[str, Any]]], mode: Mode = "strict") -> "Dataset":
        """A dataset from event dicts.

        Bad records raise (strict) or are listed in :attr:`rejected` (lenient), named
        ``"record N"`` (1-based). An element that cannot be converted at all (a
        ``datetime``, a custom object) raises :class:`ArgumentError` in either mode.
        """

    @staticmethod
    def read_segment(text: str, mode: Mode = "strict") -> "Dataset":
        """A dataset from Segment-style JSON: an array of calls, ``{"batch": [...]}`` or
        NDJSON. ``text`` is the content, not a path. Errors name ``"line N"``."""

    @staticmethod
    def read_csv(text: str, mode: Mode = "strict") -> "Dataset":
        """A dataset from CSV text with a header line (the header is line 1).
        ``text`` is the content, not a path."""

    @property
    def customer_count(self) -> int:
        """Number of customers (including those known from an ``identify`` only)."""

    @property
    def event_count(self) -> int:
        """Number of events."""

    @property
    def rejected(self) -> List[Rejection]:
        """Records skipped by a lenient read, in input order (a new list each access)."""

    def summary(self) -> DatasetSummary:
        """Counts and time span."""

    def cx_report(self, stage_map: Optional[Mapping[str, Optional[str]]] = None) -> CxReport:
        """The CX report: NPS, CSAT and CES overall, per channel and per journey stage.

        ``stage_map`` overrides the default kind → stage mapping, e.g.
        ``{"survey_response": "discover", "purchase": None}``; an unknown stage name
        raises :class:`ConfigError` with ``field == "stage_map.<kind>"``.
        """
