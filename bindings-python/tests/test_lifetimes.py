"""touchpoint's purchase histories, purchase models, Gamma-Gamma and lifetime value against
lifetimes 0.11.3, live, on the same inputs (issue 10): CDNOW fits within 1e-3 relative,
predictions given the same parameters within 1e-6, summaries from lifetimes' example
transactions exactly. The shared vectors (vectors/value.json) hold the same comparisons as
fixed numbers for Node and the browser; these run lifetimes itself."""

import json
import math
import warnings

import pytest

try:
    import lifetimes
    from lifetimes import (
        BetaGeoBetaBinomFitter,
        BetaGeoFitter,
        GammaGammaFitter,
        ModifiedBetaGeoFitter,
        ParetoNBDFitter,
    )
    from lifetimes.datasets import (
        load_cdnow_summary_data_with_monetary_value,
        load_donations,
        load_transaction_data,
    )
    from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data
except ImportError as e:  # scripts/setup.sh installs it; a bare environment may not have it
    pytest.skip(f"lifetimes is not importable ({e}): pip install lifetimes", allow_module_level=True)

import numpy as np
import pandas as pd

import touchpoint

pa = pytest.importorskip("pyarrow")

warnings.filterwarnings("ignore", module="lifetimes")
warnings.filterwarnings("ignore", category=FutureWarning)

FIT_REL = 1e-3
PREDICT_REL = 1e-6

FITTERS = {
    "bg_nbd": BetaGeoFitter,
    "mbg_nbd": ModifiedBetaGeoFitter,
    "pareto_nbd": ParetoNBDFitter,
}
PARAMS = {
    "bg_nbd": ["r", "alpha", "a", "b"],
    "mbg_nbd": ["r", "alpha", "a", "b"],
    "pareto_nbd": ["r", "alpha", "s", "beta"],
    "bg_bb": ["alpha", "beta", "gamma", "delta"],
}


def close(expected, actual, rel):
    """Within `rel` relative, or absolute below 1 (as the shared vectors compare)."""
    expected, actual = np.asarray(expected, float), np.asarray(actual, float)
    if expected.size == actual.size == 1:  # lifetimes answers a scalar with a 1-element array
        expected, actual = expected.reshape(()), actual.reshape(())
    assert expected.shape == actual.shape
    assert np.all(np.isfinite(actual)), "touchpoint gave a non-finite number"
    worst = np.max(np.abs(expected - actual) / np.maximum(np.abs(expected), 1.0), initial=0.0)
    assert worst <= rel, f"off by {worst:.3g} (relative), more than {rel}"


def weeks(frame):
    """A histories table in weeks (CDNOW's unit): the unit travels in the schema metadata."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return table.replace_schema_metadata({**(table.schema.metadata or {}), b"unit": b"week"})


@pytest.fixture(scope="module")
def cdnow():
    """CDNOW's 2,357 customers (weeks), customer_id a column."""
    return load_cdnow_summary_data_with_monetary_value().reset_index()


@pytest.fixture(scope="module")
def lifetimes_fits(cdnow):
    np.random.seed(0)  # Pareto/NBD starts from numpy's global generator
    out = {}
    for model, fitter in FITTERS.items():
        out[model] = fitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    return out


def params_of(fitter, model):
    return {k: float(fitter.params_[k]) for k in PARAMS[model]}


# --- fits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(FITTERS))
def test_cdnow_fit_matches_lifetimes(cdnow, lifetimes_fits, model):
    fitted = touchpoint.fit_purchase_model(cdnow, model=model)
    assert isinstance(fitted, touchpoint.PurchaseModel)
    assert fitted.model == model
    assert fitted.customers == len(cdnow) == 2357
    expected = params_of(lifetimes_fits[model], model)
    assert set(fitted.params) == set(expected)
    close([expected[k] for k in expected], [fitted.params[k] for k in expected], FIT_REL)
    assert math.isfinite(fitted.log_likelihood)


def test_cdnow_fit_from_an_arrow_table_and_a_lifetimes_summary(cdnow, lifetimes_fits):
    """The same fit from a pyarrow Table, and from lifetimes' summary frame (reset_index)."""
    expected = params_of(lifetimes_fits["bg_nbd"], "bg_nbd")
    from_table = touchpoint.fit_purchase_model(pa.Table.from_pandas(cdnow, preserve_index=False))
    from_frame = touchpoint.fit_purchase_model(cdnow[["frequency", "recency", "T"]])
    for fitted in (from_table, from_frame):
        close(list(expected.values()), [fitted.params[k] for k in expected], FIT_REL)


def test_cdnow_fit_standard_errors_are_close_to_lifetimes(cdnow, lifetimes_fits):
    """lifetimes' standard errors come from autograd's Hessian of the mean log-likelihood;
    touchpoint's may use another route, so the check is loose (10 %)."""
    fitted = touchpoint.fit_purchase_model(cdnow, model="bg_nbd")
    errors = fitted.standard_errors
    assert errors is not None
    theirs = lifetimes_fits["bg_nbd"].standard_errors_
    close([theirs[k] for k in PARAMS["bg_nbd"]], [errors[k] for k in PARAMS["bg_nbd"]], 0.1)


def test_cdnow_fit_with_penalizer(cdnow):
    theirs = BetaGeoFitter(penalizer_coef=0.1).fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    fitted = touchpoint.fit_purchase_model(cdnow, model="bg_nbd", penalizer=0.1)
    expected = params_of(theirs, "bg_nbd")
    close(list(expected.values()), [fitted.params[k] for k in expected], FIT_REL)


def test_bg_bb_fit_on_donations():
    """The donations data as one row per customer (touchpoint has no weights input):
    T is the number of transaction opportunities."""
    d = load_donations()
    theirs = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["periods"], weights=d["weights"])
    rows = d.loc[d.index.repeat(d["weights"])]
    frame = pd.DataFrame({"frequency": rows["frequency"], "recency": rows["recency"], "T": rows["periods"]})
    fitted = touchpoint.fit_purchase_model(frame.reset_index(drop=True), model="bg_bb")
    assert fitted.customers == int(d["weights"].sum()) == 11104
    expected = params_of(theirs, "bg_bb")
    close(list(expected.values()), [fitted.params[k] for k in expected], FIT_REL)


# --- predictions given the same parameters -------------------------------------------------


@pytest.mark.parametrize("model", list(FITTERS))
def test_predictions_given_lifetimes_params(cdnow, lifetimes_fits, model):
    theirs = lifetimes_fits[model]
    ours = touchpoint.PurchaseModel.from_params(model, params_of(theirs, model))
    f, r, T = cdnow["frequency"], cdnow["recency"], cdnow["T"]
    table = ours.predict(weeks(cdnow), 39.0)
    assert isinstance(table, pa.Table)
    assert table.column_names[:3] == ["customer_id", "probability_alive", "expected_purchases"]
    assert table.num_rows == len(cdnow)
    close(theirs.conditional_probability_alive(f, r, T), table.column("probability_alive").to_numpy(), PREDICT_REL)
    close(
        theirs.conditional_expected_number_of_purchases_up_to_time(39.0, f, r, T),
        table.column("expected_purchases").to_numpy(),
        PREDICT_REL,
    )
    # The float forms, one customer at a time (the largest frequency, a frequency 0).
    for i in (int(f.idxmax()), int((f == 0).idxmax())):
        close(theirs.conditional_probability_alive(f[i], r[i], T[i]), ours.probability_alive(f[i], r[i], T[i]), PREDICT_REL)
        close(
            theirs.conditional_expected_number_of_purchases_up_to_time(10.0, f[i], r[i], T[i]),
            ours.expected_purchases(10.0, f[i], r[i], T[i]),
            PREDICT_REL,
        )
    for t in (1.0, 39.0, 520.0):
        close(theirs.expected_number_of_purchases_up_to_time(t), ours.expected_purchases_new_customer(t), PREDICT_REL)
    if model != "pareto_nbd":  # lifetimes has no unconditional P(X(t) = n) for Pareto/NBD
        for n, t in ((0, 39.0), (1, 39.0), (4, 78.0)):
            close(theirs.probability_of_n_purchases_up_to_time(t, n), ours.probability_of_purchases(n, t), PREDICT_REL)


def test_predictions_at_extreme_histories(lifetimes_fits):
    """Far outside CDNOW, where lifetimes still gives finite answers."""
    theirs = lifetimes_fits["bg_nbd"]
    ours = touchpoint.PurchaseModel.from_params("bg_nbd", params_of(theirs, "bg_nbd"))
    for f, r, T in ((500.0, 900.0, 1000.0), (0.0, 0.0, 1e4), (1.0, 0.01, 0.02)):
        close(theirs.conditional_probability_alive(f, r, T), ours.probability_alive(f, r, T), PREDICT_REL)
        close(
            theirs.conditional_expected_number_of_purchases_up_to_time(39.0, f, r, T),
            ours.expected_purchases(39.0, f, r, T),
            PREDICT_REL,
        )


def test_bg_bb_predictions_given_lifetimes_params():
    d = load_donations()
    theirs = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["periods"], weights=d["weights"])
    ours = touchpoint.PurchaseModel.from_params("bg_bb", params_of(theirs, "bg_bb"))
    for x, tx, n in zip(d["frequency"], d["recency"], d["periods"]):
        # lifetimes' BG/BB reads numpy arrays only (it calls .max() on them).
        one = lambda v: np.array([v])  # noqa: E731
        close(theirs.conditional_probability_alive(0, one(x), one(tx), one(n)), ours.probability_alive(x, tx, n), PREDICT_REL)
        close(
            theirs.conditional_expected_number_of_purchases_up_to_time(5, one(x), one(tx), one(n)),
            ours.expected_purchases(5, x, tx, n),
            PREDICT_REL,
        )


def test_a_model_survives_json(cdnow):
    fitted = touchpoint.fit_purchase_model(cdnow, model="bg_nbd")
    text = fitted.to_json()
    json.loads(text)  # plain JSON
    again = touchpoint.PurchaseModel.from_json(text)
    assert again.model == "bg_nbd" and again.params == fitted.params
    assert again.predict(weeks(cdnow), 39.0).equals(fitted.predict(weeks(cdnow), 39.0))


# --- spend and lifetime value --------------------------------------------------------------


@pytest.fixture(scope="module")
def gamma_gamma(cdnow):
    repeat = cdnow[cdnow["frequency"] > 0]
    return GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"]), repeat


@pytest.mark.parametrize("q_constraint", [False, True])
def test_gamma_gamma_fit_matches_lifetimes(gamma_gamma, q_constraint):
    theirs, repeat = gamma_gamma
    spend = touchpoint.fit_spend_model(repeat, q_constraint=q_constraint)
    assert isinstance(spend, touchpoint.SpendModel)
    close([theirs.params_[k] for k in "pqv"], [spend.params[k] for k in "pqv"], FIT_REL)


def test_expected_spend_given_lifetimes_params(cdnow, gamma_gamma):
    theirs, _ = gamma_gamma
    spend = touchpoint.SpendModel.from_json(
        json.dumps({"model": "gamma_gamma", "params": {k: float(theirs.params_[k]) for k in "pqv"}})
    )
    expected = theirs.conditional_expected_average_profit(cdnow["frequency"], cdnow["monetary_value"])
    table = spend.predict(cdnow)
    assert table.column_names[:2] == ["customer_id", "expected_spend"]
    close(expected, table.column("expected_spend").to_numpy(), PREDICT_REL)
    close(expected[0], spend.expected_spend(cdnow["frequency"][0], cdnow["monetary_value"][0]), PREDICT_REL)


def test_lifetime_value_matches_lifetimes(cdnow, lifetimes_fits, gamma_gamma):
    """customer_lifetime_value(bgf, …, time=12, discount_rate=0.01, freq="W") for every CDNOW
    customer, given lifetimes' parameters."""
    bgf = lifetimes_fits["bg_nbd"]
    theirs, _ = gamma_gamma
    expected = theirs.customer_lifetime_value(
        bgf, cdnow["frequency"], cdnow["recency"], cdnow["T"], cdnow["monetary_value"],
        time=12, discount_rate=0.01, freq="W",
    )
    # The model's rates are per week, as the histories' unit: lifetime_value refuses a mismatch.
    purchase = touchpoint.PurchaseModel.from_params("bg_nbd", params_of(bgf, "bg_nbd"), unit="week")
    spend = touchpoint.SpendModel.from_json(
        json.dumps({"model": "gamma_gamma", "params": {k: float(theirs.params_[k]) for k in "pqv"}})
    )
    table = touchpoint.lifetime_value(purchase, spend, weeks(cdnow), months=12, discount_rate=0.01)
    assert table.column_names[:2] == ["customer_id", "clv"]
    assert table.column("customer_id").to_pylist() == [str(c) for c in cdnow["customer_id"]] or table.column(
        "customer_id"
    ).to_pylist() == list(cdnow["customer_id"])
    close(expected.to_numpy(), table.column("clv").to_numpy(), PREDICT_REL)


# --- purchase histories --------------------------------------------------------------------


@pytest.fixture(scope="module")
def transactions():
    """lifetimes' example transactions (5,000 customers, 15,273 purchases, at midnight UTC),
    with a value per purchase."""
    t = load_transaction_data()
    t["date"] = pd.to_datetime(t["date"]).dt.tz_localize("UTC")
    t["value"] = np.round(np.random.default_rng(3).uniform(5, 100, len(t)), 2)
    return t


def lifetimes_naive(t):
    """lifetimes wants naive times: the same instants in UTC."""
    t = t.copy()
    t["date"] = t["date"].dt.tz_convert("UTC").dt.tz_localize(None)
    return t


def by_customer(table):
    """A histories table as a frame indexed by customer id (as text)."""
    frame = table.to_pandas()
    frame["customer_id"] = frame["customer_id"].astype(str)
    return frame.set_index("customer_id")


def as_text_index(frame):
    frame = frame.copy()
    frame.index = frame.index.astype(str)
    return frame


@pytest.mark.parametrize(("unit", "freq"), [("day", "D"), ("week", "W")])
@pytest.mark.parametrize("include_first", [False, True])
def test_summary_matches_lifetimes(transactions, unit, freq, include_first):
    theirs = as_text_index(
        summary_data_from_transaction_data(
            lifetimes_naive(transactions), "id", "date", monetary_value_col="value", freq=freq,
            include_first_transaction=include_first,
        )
    )
    table = touchpoint.purchase_histories(
        transactions, customer_id="id", timestamp="date", unit=unit, include_first_purchase=include_first
    )
    assert isinstance(table, pa.Table)
    assert table.column_names[:5] == ["customer_id", "frequency", "recency", "T", "monetary_value"]
    ours = by_customer(table)
    # Customers in order of first appearance in the transactions.
    assert list(ours.index) == list(dict.fromkeys(transactions["id"].astype(str)))
    ours = ours.loc[theirs.index]
    for col in ("frequency", "recency", "T", "monetary_value"):
        close(theirs[col].to_numpy(), ours[col].to_numpy(), 1e-9)


def test_summary_with_an_observation_end_and_hours(transactions):
    end = pd.Timestamp("2014-10-31 23:59:59", tz="UTC")
    theirs = as_text_index(
        summary_data_from_transaction_data(
            lifetimes_naive(transactions), "id", "date", monetary_value_col="value", freq="h", freq_multiplier=24,
            observation_period_end=end.tz_localize(None),
        )
    )
    ours = by_customer(
        touchpoint.purchase_histories(
            transactions, customer_id="id", timestamp="date", unit="hour", unit_multiplier=24,
            observation_end=end.to_pydatetime(),
        )
    )
    assert sorted(ours.index) == sorted(theirs.index)  # customers first seen after the end are left out
    ours = ours.loc[theirs.index]
    for col in ("frequency", "recency", "T", "monetary_value"):
        close(theirs[col].to_numpy(), ours[col].to_numpy(), 1e-9)


def test_calibration_and_holdout_match_lifetimes(transactions):
    """Ends at the last second of a day: lifetimes compares raw times there."""
    cal = pd.Timestamp("2014-09-01 23:59:59", tz="UTC")
    end = pd.Timestamp("2014-12-31 23:59:59", tz="UTC")
    theirs = as_text_index(
        calibration_and_holdout_data(
            lifetimes_naive(transactions), "id", "date", calibration_period_end=cal.tz_localize(None),
            observation_period_end=end.tz_localize(None), monetary_value_col="value",
        )
    )
    table = touchpoint.purchase_histories(
        transactions, customer_id="id", timestamp="date", calibration_end=cal.to_pydatetime(),
        observation_end=end.to_pydatetime(),
    )
    assert table.column_names == [
        "customer_id", "frequency", "recency", "T", "monetary_value",
        "holdout_frequency", "holdout_monetary_value", "holdout_duration",
    ]
    ours = by_customer(table)
    assert sorted(ours.index) == sorted(theirs.index)  # customers first seen in the holdout are left out
    ours = ours.loc[theirs.index]
    pairs = {
        "frequency": "frequency_cal", "recency": "recency_cal", "T": "T_cal", "monetary_value": "monetary_value_cal",
        "holdout_frequency": "frequency_holdout", "holdout_monetary_value": "monetary_value_holdout",
        "holdout_duration": "duration_holdout",
    }
    for ours_col, their_col in pairs.items():
        close(theirs[their_col].to_numpy(), ours[ours_col].to_numpy(), 1e-9)


def test_summary_from_a_polars_frame(transactions):
    pl = pytest.importorskip("polars")
    from_pandas = touchpoint.purchase_histories(transactions, customer_id="id", timestamp="date")
    from_polars = touchpoint.purchase_histories(pl.from_pandas(transactions), customer_id="id", timestamp="date")
    assert by_customer(from_polars).equals(by_customer(from_pandas))


def test_summary_feeds_the_fit(transactions):
    """Summary, then BG/NBD, as in lifetimes' quickstart: the same parameters."""
    summary = summary_data_from_transaction_data(lifetimes_naive(transactions), "id", "date")
    theirs = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    ours = touchpoint.fit_purchase_model(touchpoint.purchase_histories(transactions, customer_id="id", timestamp="date"))
    close([theirs.params_[k] for k in PARAMS["bg_nbd"]], [ours.params[k] for k in PARAMS["bg_nbd"]], FIT_REL)


# --- errors --------------------------------------------------------------------------------


def test_bad_histories_name_the_customer_and_field():
    frame = pd.DataFrame({"customer_id": ["a", "b"], "frequency": [1.0, 2.0], "recency": [3.0, 12.0], "T": [10.0, 11.0]})
    with pytest.raises(touchpoint.OutOfRangeError) as info:
        touchpoint.fit_purchase_model(frame)
    assert info.value.code == "OUT_OF_RANGE"
    assert info.value.record == "record 2" and info.value.field == "recency"
    assert "customer `b`" in str(info.value)


def test_bad_histories_name_an_integer_id_in_any_batch():
    # Ids are read as text only when the core refuses the histories: the message still names
    # the customer, counted over every record batch.
    good = pa.table({"customer_id": pa.array([7, 8], pa.int64()), "frequency": [1.0, 0.0],
                     "recency": [3.0, 0.0], "T": [10.0, 11.0]})
    bad = pa.table({"customer_id": pa.array([9, 4242], pa.int64()), "frequency": [1.0, 0.0],
                    "recency": [3.0, 5.0], "T": [10.0, 11.0]})
    with pytest.raises(touchpoint.InvalidRecordError) as info:
        touchpoint.fit_purchase_model(pa.concat_tables([good, bad]))
    assert info.value.record == "record 4" and info.value.field == "recency"
    assert "customer `4242`" in str(info.value)


def test_results_keep_the_histories_id_column(cdnow):
    # The id column goes into the results as the histories hold it: integers stay integers,
    # and a table of several record batches stays aligned with its rows.
    table = pa.Table.from_pandas(cdnow, preserve_index=False)
    chunked = pa.concat_tables([table.slice(0, 1000), table.slice(1000)])
    model = touchpoint.PurchaseModel.from_params("bg_nbd", {"r": 0.24, "alpha": 4.4, "a": 0.79, "b": 2.4})
    spend = touchpoint.SpendModel.from_json(
        json.dumps({"model": "gamma_gamma", "params": {"p": 6.25, "q": 3.74, "v": 15.44}}))
    for histories in (table, chunked):
        scores = model.predict(histories, 30.0)
        values = touchpoint.lifetime_value(model, spend, histories, months=12)
        for result in (scores, values, spend.predict(histories)):
            assert result.schema.field("customer_id").type == table.schema.field("customer_id").type
            assert result.column("customer_id").to_pylist() == table.column("customer_id").to_pylist()
        one = model.predict(table.slice(1500, 1), 30.0)
        assert one.column("probability_alive")[0].as_py() == scores.column("probability_alive")[1500].as_py()


def test_convergence_error_is_a_touchpoint_error():
    assert issubclass(touchpoint.ConvergenceError, touchpoint.TouchpointError)


def test_lifetimes_version():
    assert lifetimes.__version__ == "0.11.3"
