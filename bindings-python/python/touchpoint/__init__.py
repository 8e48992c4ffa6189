"""touchpoint: customer-experience analytics (NPS, CSAT, CES, journey stages).

Everything is computed by the Rust core; results are plain dicts with the core's
snake_case keys, and ``None`` means "no data". Errors are ``TouchpointError``
subclasses carrying ``.code``, ``.record`` and ``.field``.
"""

from ._native import (
    ArgumentError,
    ConfigError,
    Dataset,
    InternalError,
    InvalidRecordError,
    OutOfRangeError,
    ParseError,
    TouchpointError,
    __version__,
    _panic_for_tests,
    ces,
    csat,
    finish_partial_state,
    merge_partial_states,
    nps,
    pseudonymize,
    set_threads,
    threads,
)

__all__ = [
    "ArgumentError",
    "ConfigError",
    "Dataset",
    "InternalError",
    "InvalidRecordError",
    "OutOfRangeError",
    "ParseError",
    "TouchpointError",
    "__version__",
    "ces",
    "csat",
    "finish_partial_state",
    "merge_partial_states",
    "nps",
    "pseudonymize",
    "set_threads",
    "threads",
]
