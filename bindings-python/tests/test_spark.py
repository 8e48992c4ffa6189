"""touchpoint.spark in Spark's local mode: every analysis, and overview, over a Spark DataFrame
gives exactly the report Dataset.from_arrow gives on one machine for the same rows in the same
order, whatever the number of partitions, with batches small enough that customers straddle
them; and what cannot be distributed exactly is refused.

Needs pyspark (scripts/setup.sh installs it) and Java 17 (`java` on PATH or JAVA_HOME): without
them these tests FAIL with a message saying so, they are not skipped."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

import touchpoint
import touchpoint.spark

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "sample-events.ndjson"
DAY = 86_400_000
START = 1_767_225_600_000  # 2026-01-01T00:00:00Z
KINDS = ["email_open", "click", "page_view", "add_to_cart", "purchase", "survey_response",
         "review", "share", "ticket_opened", "ticket_resolved", "loyalty_join"]
KIND_P = [0.14, 0.10, 0.34, 0.12, 0.09, 0.07, 0.02, 0.02, 0.04, 0.03, 0.03]
CHANNELS = ["store", "web", "email", "app", "support", "social"]


def java_or_fail():
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else shutil.which("java")
    if not java or not os.path.exists(java):
        pytest.fail("touchpoint.spark's tests need Java 17 (`java` on PATH or JAVA_HOME): none found", pytrace=False)
    out = subprocess.run([java, "-version"], capture_output=True, text=True)
    assert out.returncode == 0, f"`{java} -version` failed: {out.stderr}"
    return out.stderr.splitlines()[0]


@pytest.fixture(scope="session")
def spark():
    java_or_fail()
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:  # pragma: no cover
        pytest.fail(f"pyspark is not installed ({e}): bash scripts/setup.sh installs it", pytrace=False)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("touchpoint-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Tiny Arrow batches: customers straddle batches in the fold.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "50")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def generate(customers=3000, seed=9, text_ids=False):
    """Events in time order (customers interleaved), with timestamps in microseconds (parts
    of a millisecond and exact ties inside a customer), purchases with values, NPS and CSAT
    answers (survey/score and a `csat` answer column), several channels and kinds, a `plan`
    trait set now and then."""
    rng = np.random.default_rng(seed)
    per = rng.geometric(0.18, customers)  # events per customer, mean ~5.5
    n = int(per.sum())
    who = np.repeat(np.arange(customers), per)
    first = START + rng.integers(0, 80 * DAY, customers)
    ts_us = (first[who] + (rng.exponential(2 * DAY, n)).astype(np.int64)) * 1000 + rng.integers(0, 1000, n)
    ties = rng.random(n) < 0.05  # the same microsecond as the customer's previous row
    prev = np.r_[False, who[1:] == who[:-1]]
    ts_us = np.where(ties & prev, np.r_[ts_us[:1], ts_us[:-1]], ts_us)
    kind = rng.choice(len(KINDS), n, p=KIND_P)
    channel = rng.choice(len(CHANNELS), n, p=[0.1, 0.4, 0.2, 0.2, 0.05, 0.05])
    purchase, survey = kind == KINDS.index("purchase"), kind == KINDS.index("survey_response")
    is_nps = rng.random(n) < 0.7
    score = np.where(is_nps, rng.integers(0, 11, n), rng.integers(1, 6, n)).astype(float)
    csat_col = np.where(survey & is_nps & (rng.random(n) < 0.5), rng.integers(1, 6, n), -1)  # a 2nd answer
    plan = rng.choice(["free", "pro", "team"], n)
    plan_set = rng.random(n) < 0.15
    order = np.argsort(ts_us, kind="stable")  # an event log: time order
    ids = (np.arange(customers) * 7919 + 1_000_003) % 10_000_019 if not text_ids else None
    if text_ids:
        customer_id = pa.array([f"user-{(c * 48271) % 99991:05d}-{c}" for c in who[order]])
    else:
        customer_id = pa.array(ids[who][order], pa.int64())
    o = order
    return pa.table({
        "customer_id": customer_id,
        "timestamp": pa.array(ts_us[o], pa.timestamp("us", tz="UTC")),
        "channel": pa.array([CHANNELS[c] for c in channel[o]]),
        "kind": pa.array([KINDS[k] for k in kind[o]]),
        "value": pa.array(np.where(purchase, np.round(rng.lognormal(3.5, 0.8, n) * 4) / 4, np.nan)[o], from_pandas=True),
        "survey": pa.array(np.where(is_nps, "nps", "csat")[o], mask=~survey[o]),
        "score": pa.array(np.where(survey, score, np.nan)[o], from_pandas=True),
        "csat": pa.array(csat_col[o].astype(float), mask=csat_col[o] < 0),
        "plan": pa.array(plan[o], mask=~plan_set[o]),
        "ignored": pa.array(np.arange(n)),  # a column touchpoint does not read
    })


def normal(x):
    """A report with its pyarrow Tables as (schema, rows), for exact comparison."""
    if isinstance(x, pa.Table):
        return {"__table__": str(x.schema), "rows": x.to_pylist()}
    if isinstance(x, dict):
        return {k: normal(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [normal(v) for v in x]
    return x


def first_difference(a, b, path="report"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path}.{k}: only on one side"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b or (a != a and b != b) else f"{path}: {a!r} != {b!r}"


def assert_same(spark_report, local_report):
    a, b = normal(spark_report), normal(local_report)
    assert a == b, first_difference(a, b)


@pytest.fixture(scope="module")
def int_data(spark):
    table = generate(text_ids=False)
    return table, spark.createDataFrame(table)


@pytest.fixture(scope="module")
def text_data(spark):
    table = generate(customers=2500, seed=11, text_ids=True)
    return table, spark.createDataFrame(table)


TRAITS = {"traits": ["plan"]}
FUNNEL = {"steps": ["page_view", "add_to_cart", "purchase"], "window_seconds": 7 * 86400, "breakdown": "channel"}
OPTIONS = {
    "cx_report": {"review": "advocate"},
    "sessions": {"inactivity_seconds": 1800, "by_channel": True, "per_customer": True},
    "engagement": {"breakdown": {"trait": "plan"}, "bucket": "week"},
    "engagement_score": {"per_customer": True, "half_life_seconds": 14 * 86400},
    "lifecycle": {"period": "week", "per_customer": True},
    "funnel": {**FUNNEL, "breakdown": {"trait": "plan"}},
    "retention": {"period": "week", "periods": 6, "retention_type": "first_time"},
    "rfm": {"per_customer": True, "list_not_scored": True},
    "rule_segments": {
        "rules": [{"name": "pro buyers", "rule": 'plan == "pro" and purchases >= 1'}, {"name": "free", "rule": 'plan == "free"'}],
        "include_members": True,
    },
    "engagement_tiers": {"window_days": 30, "per_customer": True},
    "journey_map": {"node": "touchpoint", "path_length": 4, "top_paths": 20},
    "pain_points": {"min_evidence": 2, "top": 20},
    "cx_pyramid": {},
    "purchase_histories": {
        "unit": "week", "calibration_end": "2026-02-15T00:00:00Z", "observation_end": "2026-04-30T00:00:00Z",
    },
}


@pytest.mark.parametrize("ids", ["int", "text"])
@pytest.mark.parametrize("partitions,rows_per_state", [(1, 65536), (3, 1), (7, 200)])
def test_overview_on_spark_is_the_single_machine_overview(ids, partitions, rows_per_state, int_data, text_data):
    table, df = int_data if ids == "int" else text_data
    options = {"funnel": FUNNEL, "sessions": {"per_customer": True}, "rfm": {"per_customer": True}}
    local = touchpoint.Dataset.from_arrow(table, **TRAITS).overview(options)
    report, stats = touchpoint.spark.run_with_stats(
        df, "overview", options, partitions=partitions, rows_per_state=rows_per_state, **TRAITS
    )
    assert_same(report, local)
    # Every row was folded once, in at most `partitions` states.
    assert stats.rows == table.num_rows
    assert 1 <= len(stats.state_bytes) <= partitions
    assert local["funnel"]["entered"] > 100 and local["rfm"]["per_customer"].num_rows > 100


@pytest.mark.parametrize("analysis", [a for a in touchpoint.spark.ANALYSES if a != "overview"])
def test_every_analysis_on_spark_is_the_single_machine_analysis(analysis, int_data, text_data):
    i = touchpoint.spark.ANALYSES.index(analysis)
    table, df = (int_data, text_data)[i % 2]
    partitions = (1, 3, 7)[i % 3]
    options = OPTIONS[analysis]
    local = getattr(touchpoint.Dataset.from_arrow(table, **TRAITS), analysis)(options)
    named = getattr(touchpoint.spark, analysis)
    assert_same(named(df, options, partitions=partitions, rows_per_state=(1, 500)[i % 2], **TRAITS), local)
    assert json.dumps(normal(local), default=str) != json.dumps(normal(getattr(touchpoint.Dataset.from_arrow(table.slice(0, 50)), analysis)(options)), default=str)


def test_column_names_and_answers_are_read_as_from_arrow_reads_them(spark):
    table = generate(customers=400, seed=3).rename_columns(
        ["who", "at", "via", "what", "amount", "metric", "answer", "q_csat", "tier", "ignored"]
    )
    columns = dict(customer_id="who", timestamp="at", channel="via", kind="what", value="amount", survey="metric",
                   score="answer", answers={"csat": "q_csat"}, traits={"plan": "tier"})
    local = touchpoint.Dataset.from_arrow(table, **columns).overview({"funnel": FUNNEL})
    assert_same(touchpoint.spark.overview(spark.createDataFrame(table), {"funnel": FUNNEL}, partitions=3, **columns), local)


@pytest.mark.parametrize("time_type", ["int64 ms", "naive timestamp", "date"])
def test_every_time_type_from_arrow_reads(spark, time_type):
    # Spark gets epoch milliseconds as a long, a naive timestamp as TIMESTAMP_NTZ, and dates
    # as DATE: the context's time range is found exactly for each.
    import pyarrow.compute as pc

    table = generate(customers=300, seed=5)
    ts = table["timestamp"]
    if time_type == "int64 ms":
        ts = pc.divide(pc.cast(ts, pa.int64()), 1000)  # floor: the times are after 1970
    elif time_type == "naive timestamp":
        ts = pc.cast(ts, pa.timestamp("us"))
    else:
        ts = pc.cast(pc.cast(ts, pa.timestamp("us")), pa.date32())
    table = table.set_column(1, "timestamp", ts)
    options = {"funnel": FUNNEL}
    local = touchpoint.Dataset.from_arrow(table).overview(options)
    df = spark.createDataFrame(table)
    if time_type == "naive timestamp":  # Spark reads a naive Arrow timestamp as a TIMESTAMP
        df = df.withColumn("timestamp", df["timestamp"].cast("timestamp_ntz"))  # (session in UTC)
    spark_type = {"int64 ms": "long", "naive timestamp": "timestamp_ntz", "date": "date"}[time_type]
    assert df.schema["timestamp"].dataType.typeName() == spark_type
    assert_same(touchpoint.spark.overview(df, options, partitions=3), local)


def test_an_empty_dataframe_gives_the_empty_report(spark, int_data):
    table, df = int_data
    empty = df.limit(0)
    assert_same(touchpoint.spark.sessions(empty), touchpoint.Dataset.from_arrow(table.slice(0, 0)).sessions())


def test_a_missing_column_is_the_readers_error_on_the_driver(int_data):
    _, df = int_data
    with pytest.raises(touchpoint.ConfigError) as e:
        touchpoint.spark.overview(df, kind="event_name")
    assert e.value.field == "kind"


def test_an_anonymous_id_column_is_refused(spark, int_data):
    table, _ = int_data
    anon = table.slice(0, 100).append_column("anonymous_id", pa.array([f"a{i}" for i in range(100)]))
    with pytest.raises(touchpoint.ArgumentError) as e:
        touchpoint.spark.overview(spark.createDataFrame(anon))
    assert e.value.code == "INVALID_ARGUMENT" and e.value.field == "anonymous_id"
    assert "anonymous id" in str(e.value)
    with pytest.raises(touchpoint.ArgumentError) as e:  # named explicitly
        touchpoint.spark.sessions(spark.createDataFrame(table.slice(0, 10)), anonymous_id="visitor")
    assert e.value.field == "anonymous_id"


def test_lenient_mode_is_refused(int_data):
    _, df = int_data
    for mode in ("lenient", "Lenient"):
        with pytest.raises(touchpoint.ArgumentError) as e:
            touchpoint.spark.rfm(df, mode=mode)
        assert e.value.code == "INVALID_ARGUMENT" and e.value.field == "mode"
        assert "strict mode only" in str(e.value)


def test_arguments_are_checked(int_data):
    _, df = int_data
    with pytest.raises(touchpoint.ArgumentError, match="not an analysis"):
        touchpoint.spark.run(df, "summary")
    with pytest.raises(touchpoint.ArgumentError, match="partitions"):
        touchpoint.spark.overview(df, partitions=0)
    with pytest.raises(touchpoint.ArgumentError, match="Spark DataFrame"):
        touchpoint.spark.overview(pa.table({"customer_id": ["a"]}))


# ------------------------------------------------------------------ the sample data


def sample_as_table(rejected):
    """data/sample-events.ndjson as a flat table: one row per `track` call (properties.channel,
    revenue, survey and score), each customer's `identify` traits on every row of that
    customer (a trait is the value of the customer's latest row, and the sample's identify
    calls carry no time). The lines a lenient read rejects are left out (the sample has a few
    bad calls on purpose)."""
    skip = {int(r["record"].removeprefix("line ")) for r in rejected}
    traits, rows = {}, []
    for number, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if number in skip:
            continue
        call = json.loads(line)
        if call["type"] == "identify":
            traits.setdefault(call["userId"], {}).update(call.get("traits", {}))
        elif call["type"] == "track":
            p = call.get("properties", {})
            rows.append({"customer_id": call["userId"], "timestamp": call["timestamp"], "channel": p.get("channel"),
                         "kind": call["event"], "value": p.get("revenue"), "survey": p.get("survey"),
                         "score": p.get("score")})
    names = sorted({k for t in traits.values() for k in t})
    for r in rows:
        for k in names:
            r[k] = traits.get(r["customer_id"], {}).get(k)
    table = pa.Table.from_pylist(rows)
    import pyarrow.compute as pc
    ts = pc.strptime(table["timestamp"], format="%Y-%m-%dT%H:%M:%SZ", unit="ms")
    return table.set_column(1, "timestamp", pc.assume_timezone(ts, "UTC")), names


def test_the_sample_data_on_spark_is_the_single_machine_report(spark):
    segment = touchpoint.Dataset.read_segment(DATA, mode="lenient")
    assert len(segment.rejected) == 2  # an NPS of 11, a call without a time
    table, trait_names = sample_as_table(segment.rejected)
    local = touchpoint.Dataset.from_arrow(table, traits=trait_names)
    # The flat form is faithful: the same customers and events, the same overview.
    assert (local.customer_count, local.event_count) == (segment.customer_count, segment.event_count)
    options = {"funnel": {"steps": ["page_view", "add_to_cart", "purchase"]}}
    assert_same(local.overview(options), segment.overview(options))
    df = spark.createDataFrame(table)
    assert_same(touchpoint.spark.overview(df, options, partitions=3, traits=trait_names), local.overview(options))
    rules = {"rules": [{"name": "pro", "rule": 'plan == "pro"'}]}
    assert_same(touchpoint.spark.rule_segments(df, rules, partitions=2, traits=trait_names), segment.rule_segments(rules))
