"""touchpoint: customer-experience analytics (NPS, CSAT, CES, journey stages).

Everything is computed by the Rust core; results are plain dicts with the core's
snake_case keys, and ``None`` means "no data". Errors are ``TouchpointError``
subclasses carrying ``.code``, ``.record`` and ``.field``.
"""

import os as _os

from ._native import (
    ArgumentError,
    ConfigError,
    ConvergenceError,
    Dataset,
    InternalError,
    InvalidRecordError,
    Lexicon,
    OutOfRangeError,
    ParseError,
    PurchaseModel,
    SentimentAnalyzer,
    SpendModel,
    TouchpointError,
    __version__,
    _after_fork_in_child,
    _panic_for_tests,
    adjust_p_values,
    analyze_experiment,
    calibration_report,
    ces,
    churn_risk,
    csat,
    finish_partial_state,
    fit_purchase_model,
    fit_spend_model,
    lifetime_value,
    merge_partial_states,
    minimum_detectable_effect,
    nps,
    nps_difference,
    experiment_from_rows,
    pseudonymize,
    purchase_histories,
    sample_ratio_check,
    sample_size,
    sentiment,
    sentiments,
    set_threads,
    threads,
)

__all__ = [
    "ArgumentError",
    "ConfigError",
    "ConvergenceError",
    "Dataset",
    "InternalError",
    "InvalidRecordError",
    "Lexicon",
    "OutOfRangeError",
    "ParseError",
    "PurchaseModel",
    "SentimentAnalyzer",
    "SpendModel",
    "TouchpointError",
    "__version__",
    "adjust_p_values",
    "analyze_experiment",
    "calibration_report",
    "ces",
    "churn_risk",
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
    "sentiments",
    "set_threads",
    "threads",
]

# A child made by fork() (multiprocessing's "fork" start method) has none of the parent's
# worker threads: give it a pool of its own, or its first parallel analysis would wait forever.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_after_fork_in_child)
