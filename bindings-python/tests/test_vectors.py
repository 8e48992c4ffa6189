"""Replays every case of every ../../vectors/*.json through the Python API, exactly as
core/tests/vectors.rs does through the Rust API (same ops, same subset matching)."""

import json
import math
import multiprocessing
import re
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pytest

import touchpoint

VECTORS = Path(__file__).resolve().parent.parent.parent / "vectors"

ERROR_CLASSES = {
    "INVALID_RECORD": touchpoint.InvalidRecordError,
    "OUT_OF_RANGE": touchpoint.OutOfRangeError,
    "PARSE_ERROR": touchpoint.ParseError,
    "INVALID_CONFIG": touchpoint.ConfigError,
    "INVALID_ARGUMENT": touchpoint.ArgumentError,
    "INTERNAL": touchpoint.InternalError,
}


CORE_VECTORS = VECTORS.parent / "core" / "tests" / "vectors.rs"

# The ops with a function of their own; every other op is a dataset analysis (docs/bindings.md,
# "Dataset analyses"): `input: {events | segment, options}` → `Dataset.<op>(options)`.
FUNCTION_OPS = {"nps", "csat", "ces", "cx_report", "read_segment", "read_csv", "from_events", "from_columns"}
# The ops of vectors/value.json (churn risk and lifetime value) with a function of their own.
VALUE_OPS = {
    "purchase_histories_from_transactions", "fit_purchase_model", "predict_purchases", "fit_spend_model",
    "expected_spend", "lifetime_value",
}
FUNCTION_OPS |= VALUE_OPS
# The ops of vectors/experiment.json (A/B statistics).
EXPERIMENT_OPS = {"analyze_experiment", "sample_ratio_check", "adjust_p_values", "sample_size",
                  "minimum_detectable_effect", "nps_difference", "experiment_from_rows"}
FUNCTION_OPS |= EXPERIMENT_OPS
# vectors/sentiment.json: the voice of the customer.
FUNCTION_OPS |= {"sentiment"}
# vectors/survey.json: survey programmes.
FUNCTION_OPS |= {"survey_template", "score_survey", "compare_survey_waves"}
# vectors/voice.json: the voice of the customer.
FUNCTION_OPS |= {"voice_of_customer"}
# vectors/live.json: the live engine.
FUNCTION_OPS |= {"live"}


def core_ops():
    """The ops the Rust replay (core/tests/vectors.rs) dispatches: the string patterns of
    its `match op` arms. Empty when the file is not there (an installed package)."""
    if not CORE_VECTORS.is_file():
        return set()
    return set(re.findall(r'"([a-z_]+)"\s*(?==>|\|)', CORE_VECTORS.read_text(encoding="utf-8")))


def is_bound(op):
    return op in FUNCTION_OPS or callable(getattr(touchpoint.Dataset, op, None))


def load_cases():
    files = sorted(VECTORS.glob("*.json"))
    assert len(files) >= 3, f"vector files missing in {VECTORS}"
    in_core = core_ops()
    for file in files:
        for case in json.loads(file.read_text(encoding="utf-8"))["cases"]:
            marks = []
            # An op the core replays must be bound: such a case runs and fails in `run`.
            # An op the core does not have yet (vectors written first) is an expected failure.
            if not is_bound(case["op"]) and case["op"] not in in_core:
                reason = f"op `{case['op']}` is in neither the core's replay nor the Python binding yet"
                marks.append(pytest.mark.xfail(reason=reason, run=False, strict=True))
            # A form of bad input that cannot exist in Python (vectors/README.md).
            if "python" in case.get("skip", {}):
                marks.append(pytest.mark.skip(reason=case["skip"]["python"]))
            yield pytest.param(case, id=f"{file.name}:{case['name']}", marks=marks)


def expand(v):
    """A vector input with its generated and host-only inputs expanded (vectors/README.md,
    "Generated and host-only inputs"): Python values a JSON file cannot hold."""
    if isinstance(v, list):
        return [expand(x) for x in v]
    if not isinstance(v, dict):
        return v
    enc = next((k for k in v if k.startswith("$")), None)
    if enc is None:
        return {k: expand(x) for k, x in v.items()}
    if enc == "$repeat":
        return expand(v["$repeat"]) * v["times"]
    if enc == "$concat":
        parts = [expand(p) for p in v["$concat"]]
        if any(isinstance(p, bytes) for p in parts):
            return b"".join(p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass") for p in parts)
        return "".join(parts)
    if enc == "$list":
        return [expand(v["$list"]) for _ in range(v["times"])]
    if enc == "$nest":
        out = expand(v["$nest"])
        for _ in range(v["depth"]):
            out = {v["key"]: out}
        return out
    if enc == "$wide":
        return {f"{v['prefix']}{i}": expand(v["$wide"]) for i in range(v["keys"])}
    if enc == "$circular":
        out = expand(v["$circular"])
        out["self"] = out
        return out
    if enc == "$number":
        return float(v["$number"].replace("Infinity", "inf"))
    if enc == "$bigint":
        return int(v["$bigint"])
    if enc == "$text_utf16":
        units = v["$text_utf16"]
        return b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le", "surrogatepass")
    if enc == "$utf8_bytes":
        return bytes(v["$utf8_bytes"])
    raise AssertionError(f"unknown encoding {enc}")


def sentiment(inp):
    """The `sentiment` op: an analyzer of the case's lexicons (VADER's format `text`, else
    English or an empty lexicon of the language, then `words` set and `remove` removed)."""
    lexicons = None
    if inp.get("lexicons") is not None:
        lexicons = []
        for spec in inp["lexicons"]:
            language = spec.get("language", "eng")
            if "text" in spec:
                lexicon = touchpoint.Lexicon.parse(spec["text"], language=language)
            elif language == "eng":
                lexicon = touchpoint.Lexicon.english()
            else:
                lexicon = touchpoint.Lexicon.empty(language)
            for word, valence in (spec.get("words") or {}).items():
                lexicon.set_word(word, valence)
            for word in spec.get("remove") or []:
                lexicon.remove_word(word)
            lexicons.append(lexicon)
    analyzer = touchpoint.SentimentAnalyzer(lexicons, **(inp.get("options") or {}))
    if inp.get("text") is not None:
        return analyzer.score(inp["text"])
    return {"sentiments": analyzer.score_all(inp["texts"]).to_pylist()}


def ingested(ds):
    return {"summary": ds.summary(), "rejected": ds.rejected, "report": ds.cx_report()}


def dataset(inp):
    """The dataset of an analysis case: Segment NDJSON `segment` if given, else `events`
    (both strict), as core/tests/vectors.rs builds it."""
    if isinstance(inp.get("segment"), str):
        return touchpoint.Dataset.read_segment(inp["segment"])
    return touchpoint.Dataset.from_events(inp["events"])


def run(op, inp):
    if op == "nps":
        return touchpoint.nps(inp["answers"])
    if op == "csat":
        return touchpoint.csat(inp["answers"])
    if op == "ces":
        return touchpoint.ces(inp["answers"])
    if op == "cx_report":
        return touchpoint.Dataset.from_events(inp["events"]).cx_report(inp.get("stage_map"))
    mode = inp.get("mode")
    mode = mode if isinstance(mode, str) else "strict"
    if op in ("read_segment", "read_csv"):
        read = touchpoint.Dataset.read_csv if op == "read_csv" else touchpoint.Dataset.read_segment
        return ingested(read(inp["text"], mode))
    if op == "from_events":
        return ingested(touchpoint.Dataset.from_events(inp["events"], mode))
    if op == "from_columns":
        return ingested(touchpoint.Dataset.from_arrow(pa.table(inp["columns"]), mode=mode))
    if op == "pseudonymize":
        return {"pseudonym": touchpoint.pseudonymize(inp["key"], inp["id"])}
    if op == "forget":
        ds = dataset(inp)
        return {"receipt": ds.forget(inp["id"]), "summary": ds.summary()}
    if op == "export":
        return dataset(inp).export(inp["id"])
    if op == "partial":
        return partial(inp)
    if op == "analyze_experiment":
        return touchpoint.analyze_experiment(inp["data"], **(inp["options"] or {}))
    if op == "sample_ratio_check":
        return touchpoint.sample_ratio_check(inp["units"], inp["weights"], inp["threshold"])
    if op in ("sample_size", "minimum_detectable_effect"):
        o = dict(inp["options"])
        kind, baseline = o.pop("kind"), o.pop("baseline")
        if op == "sample_size":
            return touchpoint.sample_size(kind, baseline, inp["relative_effect"], **o)
        return touchpoint.minimum_detectable_effect(kind, baseline, inp["control_units"], **o)
    if op == "nps_difference":
        return touchpoint.nps_difference(inp["control"], inp["treatment"], inp["alpha"])
    if op == "experiment_from_rows":
        # As a dict of columns: a row without a column has None there (refused by row).
        rows, o = inp["rows"], dict(inp["options"])
        names = {k: None for r in rows for k in r}
        columns = {k: [r.get(k) for r in rows] for k in names}
        return touchpoint.experiment_from_rows(columns, **o)
    if op == "sentiment":
        return sentiment(inp)
    if op in ("survey_template", "score_survey", "compare_survey_waves"):
        return survey(op, inp)
    if op == "live":
        engine = touchpoint.LiveEngine(inp.get("options"))
        steps = [engine.push(s["push"]) if "push" in s else engine.advance(s["advance"]) for s in inp["steps"]]
        return {"signals": steps, "customers": engine.customers(), "stats": engine.stats}
    if op == "voice_of_customer" and "events" in inp:
        return dataset(inp).voice_of_customer(inp.get("options"))
    if op == "voice_of_customer":
        return touchpoint.voice_of_customer(inp["comments"], **(inp.get("options") or {}))
    if op == "adjust_p_values":
        return {"p_values": touchpoint.adjust_p_values(inp["p_values"], inp["correction"])}
    if op in VALUE_OPS:
        return value(op, inp)
    if op == "purchase_histories":
        return history_columns(dataset(inp).purchase_histories(inp.get("options")))
    if not is_bound(op):
        raise AssertionError(f"op `{op}` has a core function (core/tests/vectors.rs) but no method Dataset.{op} in Python")
    return getattr(dataset(inp), op)(inp.get("options"))


def survey(op, inp):
    """The ops of vectors/survey.json; each customer's engagement index (a pyarrow Table)
    compared as its rows."""
    if op == "survey_template":
        return touchpoint.survey_template(inp["name"])

    def wave(rows, invitations=None):
        report = touchpoint.score_survey(inp["survey"], rows, invitations=invitations,
                                         **(inp.get("options") or {}))
        if report["engagement_index"] is not None:
            report["engagement_index"]["per_customer"] = report["engagement_index"]["per_customer"].to_pylist()
        return report

    if op == "score_survey":
        return wave(inp["responses"], inp.get("invitations"))
    earlier = touchpoint.score_survey(inp["survey"], inp["earlier"], **(inp.get("options") or {}))
    later = touchpoint.score_survey(inp["survey"], inp["later"], **(inp.get("options") or {}))
    return touchpoint.compare_survey_waves(earlier, later, alpha=inp["alpha"])


HISTORY_COLUMNS = ("customer_id", "frequency", "recency", "T", "monetary_value")


def histories_table(h):
    """A case's histories (columns by name, `unit` optional) as a pyarrow Table, the unit in
    its schema metadata as purchase_histories writes it."""
    columns = {
        k: pa.array(h[k], pa.string() if k == "customer_id" else pa.float64())
        for k in HISTORY_COLUMNS
        if k in h
    }
    table = pa.table(columns)
    return table.replace_schema_metadata({"unit": h["unit"]}) if "unit" in h else table


def history_columns(table):
    """A histories Table in the vectors' form: columns as lists, the holdout's nested."""
    out = {k: table.column(k).to_pylist() for k in HISTORY_COLUMNS}
    if "holdout_frequency" in table.column_names:
        duration = table.column("holdout_duration").to_pylist()
        out["holdout"] = {
            "frequency": table.column("holdout_frequency").to_pylist(),
            "monetary_value": table.column("holdout_monetary_value").to_pylist(),
            "duration": duration[0] if duration else 0.0,
        }
    return out


def model_json(v):
    return json.dumps(v)


def value(op, inp):
    """The ops of vectors/value.json, as core/tests/vectors_support/value.rs runs them."""
    options = inp.get("options") or {}
    if op == "purchase_histories_from_transactions":
        t = inp["transactions"]
        columns = {
            "customer_id": pa.array(t["customer_id"], pa.string()),
            "timestamp": pa.array(
                [datetime.fromisoformat(x.replace("Z", "+00:00")) for x in t["timestamp"]], pa.timestamp("ms", "UTC")
            ),
        }
        if "value" in t:
            columns["value"] = pa.array(t["value"], pa.float64())
        return history_columns(touchpoint.purchase_histories(pa.table(columns), **options))
    if op == "fit_purchase_model":
        options = dict(options)
        model = options.pop("model", "bg_nbd")
        fitted = touchpoint.fit_purchase_model(histories_table(inp["histories"]), model, **options)
        return json.loads(fitted.to_json())
    if op == "fit_spend_model":
        return json.loads(touchpoint.fit_spend_model(histories_table(inp["histories"]), **options).to_json())
    if op == "predict_purchases":
        m = touchpoint.PurchaseModel.from_json(model_json(inp["model"]))
        table = m.predict(histories_table(inp["histories"]), inp["horizon"])
        return {
            "customer_id": table.column("customer_id").to_pylist(),
            "probability_alive": table.column("probability_alive").to_pylist(),
            "expected_purchases": table.column("expected_purchases").to_pylist(),
            "expected_purchases_new_customer": [m.expected_purchases_new_customer(t) for t in inp["new_customer_horizons"]],
            "probability_of_purchases": [m.probability_of_purchases(n, t) for n, t in inp.get("purchase_counts", [])],
        }
    if op == "expected_spend":
        s = touchpoint.SpendModel.from_json(model_json(inp["model"]))
        return {"expected_spend": s.predict(histories_table(inp["histories"])).column("expected_spend").to_pylist()}
    if op == "lifetime_value":
        m = touchpoint.PurchaseModel.from_json(model_json(inp["purchase_model"]))
        s = touchpoint.SpendModel.from_json(model_json(inp["spend_model"]))
        table = touchpoint.lifetime_value(m, s, histories_table(inp["histories"]), **options)
        return {"customer_id": table.column("customer_id").to_pylist(), "clv": table.column("clv").to_pylist()}
    raise AssertionError(f"unknown value op {op}")


def partial(inp):
    """Each partition's partial state, merged in reverse order, finished; with `one_machine`
    the report must equal the analysis over every partition's events (vectors/partial.json)."""
    analysis, options = inp["analysis"], inp.get("options")
    states = [
        touchpoint.Dataset.from_events(p["events"]).partial_state(
            analysis, options, context=inp["context"], keys=tuple(p["keys"])
        )
        for p in inp["partitions"]
    ]
    report = touchpoint.finish_partial_state(touchpoint.merge_partial_states(reversed(states)))
    if inp.get("one_machine"):
        events = [e for p in inp["partitions"] for e in p["events"]]
        single = getattr(touchpoint.Dataset.from_events(events), analysis)(options)
        assert plain(report) == plain(single), f"partial {analysis}: not one machine's report"
    return report


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def plain(x):
    """A result in the vectors' form: per-customer tables as lists of row dicts, their time
    columns as RFC 3339 strings (the core's form: whole seconds unless there are millis)."""
    if isinstance(x, pa.Table):
        return [plain(row) for row in x.to_pylist()]
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    if isinstance(x, datetime):
        text = x.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return text.replace(".000Z", "Z")
    return x


TOLERANCE = 1e-9
"""The default tolerance of a number (absolute, or relative above 1); a case may set its own
(`"tolerance"`, vectors/README.md)."""


def mismatch(expected, actual, path="", tolerance=TOLERANCE):
    """None when `actual` matches `expected` as a subset (numbers within `tolerance`), else
    why not."""
    if is_number(expected) and is_number(actual):
        if abs(expected - actual) <= tolerance * max(abs(expected), 1.0):
            return None
        return f"{path}: expected {expected}, got {actual}"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, ev in expected.items():
            if key in actual:
                why = mismatch(ev, actual[key], f"{path}.{key}", tolerance)
                if why:
                    return why
            elif ev is not None:
                return f"{path}.{key}: missing"
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: expected {len(expected)} items, got {len(actual)}"
        for i, (ev, av) in enumerate(zip(expected, actual)):
            why = mismatch(ev, av, f"{path}[{i}]", tolerance)
            if why:
                return why
        return None
    if type(expected) is type(actual) and expected == actual:
        return None
    return f"{path}: expected {expected!r}, got {actual!r}"


def assert_no_nan(value, path=""):
    """"No data" is None, never NaN, anywhere in a result."""
    if isinstance(value, float):
        assert not math.isnan(value), f"NaN at {path}"
    elif isinstance(value, dict):
        for k, v in value.items():
            assert_no_nan(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            assert_no_nan(v, f"{path}[{i}]")


@pytest.mark.parametrize("case", list(load_cases()))
def test_vector(case):
    if case.get("isolate"):
        # A case that may crash the interpreter (a stack overflow) runs in a child process:
        # a crash fails this case instead of ending the whole suite.
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=check_in_child, args=(case, child))
        proc.start()
        child.close()
        why = parent.recv() if parent.poll(120) else "no answer in 120 s"
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join()
        assert proc.exitcode == 0, f"the child process ended with {proc.exitcode} ({why})"
        assert why is None, why
    else:
        check(case)


def check_in_child(case, pipe):
    import resource

    # At most 4 GiB of address space: a case allocating without bound fails quickly.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    try:
        check(case)
        pipe.send(None)
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        pipe.send(f"{type(e).__name__}: {e}"[:2000])


def check(case):
    inp = expand(case["input"])
    if "error" in case:
        with pytest.raises(touchpoint.TouchpointError) as info:
            run(case["op"], inp)
        e = info.value
        actual = {"code": e.code, "message": str(e), "record": e.record, "field": e.field}
        why = mismatch(case["error"], actual, "error")
        assert why is None, why
        assert isinstance(e, ERROR_CLASSES[e.code]), f"{type(e).__name__} for code {e.code}"
        assert isinstance(e, Exception)
    else:
        actual = plain(run(case["op"], inp))
        why = mismatch(case["expected"], actual, tolerance=case.get("tolerance", TOLERANCE))
        assert why is None, why
        assert_no_nan(actual)


def test_matcher_is_strict_enough():
    assert mismatch({"a": 1.0}, {"a": 1.0 + 1e-12}) is None
    assert mismatch({"a": 1.0}, {"a": 1.1}) is not None
    assert mismatch({"a": 100.0}, {"a": 100.05}, tolerance=1e-3) is None
    assert mismatch({"a": 100.0}, {"a": 100.2}, tolerance=1e-3) is not None
    assert mismatch({"a": None}, {}) is None
    assert mismatch({"a": 1}, {}) is not None
    assert mismatch([1, 2], [1, 2, 3]) is not None
    assert mismatch({"a": None}, {"a": 0.0}) is not None
    assert mismatch(True, 1) is not None
    assert mismatch("x", "x") is None


def test_bad_input_table_is_current():
    """docs/bad-input.md is generated from vectors/bad_input.json and must not drift."""
    import subprocess
    import sys

    script = VECTORS.parent / "scripts" / "bad-input-table.py"
    if not script.is_file():
        pytest.skip("not in the repository")
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    classes = json.loads((VECTORS / "bad_input.json").read_text(encoding="utf-8"))["classes"]
    assert len(classes) >= 40
    names = [c["name"] for c in json.loads((VECTORS / "bad_input.json").read_text(encoding="utf-8"))["cases"]]
    for name in names:
        cid = name.split(" ", 1)[0]
        assert cid in classes and name.startswith(f"{cid} {classes[cid]['title']}: "), name
