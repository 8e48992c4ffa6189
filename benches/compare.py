"""The same CX job in touchpoint, polars, pandas and DuckDB, on the same generated events.

    source scripts/env.sh && python benches/compare.py --events 10000000 --shape all

The job: (1) sessions with 30 minutes of inactivity, (2) customers per furthest journey
stage, (3) NPS per channel, (4) RFM quintile scores per customer counted per RFM code,
(5) a 5-step ordered funnel with a 7-day window, (6) a weekly first-time retention matrix.
A deterministic synthetic event table (numpy) is written once to a Parquet file; each engine
runs in its own subprocess that loads it (timed as "load", imports excluded) and runs the job ("job"); the
child reports its peak RSS (VmHWM, input table included). The answers must agree.

Input shapes (--shape, a comma list or "all"; every engine reads the same Parquet file):
  current     string ids "c0000123", dictionary-encoded channel/kind/survey, n/20 customers
  realistic   an ordinary event log: int64 customer ids, plain utf8 channel/kind/survey,
              n/10 customers (integer ids go to touchpoint as they are: from_arrow reads them)
  large_utf8  realistic's events, ids as text "c0000123", every string column large_utf8
  utf8_view   realistic's events, ids as text, every string column utf8_view (what polars exports)
  chunked     realistic, written in row groups of 10,000 rows: columns of ~100 chunks per 1M
              rows (pyarrow reads the other shapes in chunks of up to 131,072 rows)
Events are in time order in every shape. touchpoint's job includes from_arrow (Arrow table to
dataset); its memory line is the RSS growth across from_arrow (the dataset, plus what the
allocator keeps) and from_arrow's own peak above the RSS before it.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

DAY = 86_400_000
GAP = 30 * 60_000  # session inactivity, ms: a gap longer than this starts a session
WINDOW = 7 * DAY  # funnel conversion window, ms (inclusive)
START = 1_767_225_600_000  # 2026-01-01T00:00:00Z
DAYS = 90
WEEKS = 15  # retention columns: 90 days span at most 14 ISO weeks
STEPS = ["email_open", "click", "page_view", "add_to_cart", "purchase"]
STAGES = ["discover", "shop", "buy", "own", "advocate"]
# touchpoint's default stage map (core/src/stage.rs), restricted to the generated kinds.
STAGE_OF = {"email_open": 0, "click": 1, "page_view": 1, "add_to_cart": 1, "purchase": 2,
            "ticket_opened": 3, "loyalty_join": 3, "review": 4, "share": 4}
ANALYSES = ["sessions", "stages", "nps", "rfm", "funnel", "retention"]
# The touchpoint method each analysis needs.
METHOD = {"sessions": "sessions", "stages": "cx_report", "nps": "cx_report", "rfm": "rfm",
          "funnel": "funnel", "retention": "retention"}

# ------------------------------------------------------------------ data

# shape: (events per customer id drawn, id type, string type, rows per Parquet row group)
SHAPES = {
    "current": (20, "text", "dictionary", None),
    "realistic": (10, "int64", "utf8", None),
    "large_utf8": (10, "text", "large_utf8", None),
    "utf8_view": (10, "text", "utf8_view", None),
    "chunked": (10, "int64", "utf8", 10_000),
}
STRING_TYPES = {"utf8": "string", "large_utf8": "large_string", "utf8_view": "string_view"}

KINDS = ["email_open", "click", "page_view", "add_to_cart", "purchase", "survey_response",
         "review", "share", "ticket_opened", "loyalty_join"]
FIRST_P = [0.30, 0.10, 0.40, 0.04, 0.02, 0.08, 0.01, 0.01, 0.03, 0.01]  # first event of a visit
LATER_P = [0.05, 0.12, 0.42, 0.17, 0.08, 0.05, 0.02, 0.03, 0.04, 0.02]  # the others
CHANNELS = ["web", "app", "email", "sms", "social", "store", "support"]
CHANNEL_P = {  # per kind: probabilities over CHANNELS
    "email_open": [0, 0, 1, 0, 0, 0, 0], "click": [0, 0, .6, .2, .2, 0, 0],
    "survey_response": [.3, .2, .25, .1, 0, .05, .1], "ticket_opened": [.2, .1, .1, 0, 0, 0, .6],
    "review": [.5, .3, 0, 0, .2, 0, 0], "share": [0, .3, 0, 0, .7, 0, 0],
}
WEB = [.55, .3, 0, 0, 0, .15, 0]  # every other kind


def generate(n, shape="current", seed=2026):
    """Events in time order: visits of a few events, by customers of skewed activity."""
    import numpy as np
    import pyarrow as pa

    per_customer, id_type, string_type, _ = SHAPES[shape]
    rng = np.random.default_rng(seed)
    n_customers = max(1, n // per_customer)
    sizes = rng.geometric(0.25, n // 2 + 16)  # events per visit, mean 4
    ends = np.cumsum(sizes)
    v = int(np.searchsorted(ends, n)) + 1
    sizes, starts = sizes[:v].copy(), ends[:v] - sizes[:v]
    sizes[-1] = n - starts[-1]  # the last visit ends at event n
    visit = np.repeat(np.arange(v), sizes)
    first = np.zeros(n, bool)
    first[starts] = True
    # Gaps between events of a visit: mostly ~2 minutes, 3% of them ~2 hours (a new session).
    gap = rng.exponential(120_000, n)
    long = rng.random(n) < 0.03
    gap[long] = rng.exponential(7_200_000, int(long.sum()))
    gap[first] = 0
    elapsed = np.cumsum(gap.astype(np.int64))
    elapsed -= np.repeat(elapsed[starts], sizes)
    customer = (n_customers * rng.random(v) ** 2).astype(np.int64)[visit]  # low ids more active
    ts = START + rng.integers(0, DAYS * DAY - DAY, v)[visit] + elapsed
    kind = np.where(first, rng.choice(len(KINDS), n, p=FIRST_P), rng.choice(len(KINDS), n, p=LATER_P))
    cum = np.array([np.cumsum(CHANNEL_P.get(k, WEB)) for k in KINDS])
    channel = np.minimum((rng.random(n)[:, None] > cum[kind]).sum(1), len(CHANNELS) - 1)
    is_purchase, is_survey = kind == KINDS.index("purchase"), kind == KINDS.index("survey_response")
    value = np.where(is_purchase, np.round(rng.lognormal(3.5, 0.8, n) * 4) / 4, np.nan)  # exact sums
    nps = rng.random(n) < 0.8
    score = np.where(nps, rng.choice(11, n, p=[.03] * 5 + [.05, .1, .15, .15, .2, .2]), rng.integers(1, 6, n))
    order = np.argsort(ts, kind="stable")  # an event log: in time order

    def strings(codes, names, mask=None, dictionary=string_type == "dictionary"):
        codes = pa.array(codes[order].astype(np.int8 if len(names) < 128 else np.int64), mask=mask)
        if dictionary:
            return pa.DictionaryArray.from_arrays(codes, names)
        plain = pa.array(names).take(codes)
        return plain if string_type == "dictionary" else plain.cast(getattr(pa, STRING_TYPES[string_type])())

    survey_codes = np.where(nps, 0, 1)
    if id_type == "int64":
        customer_id = pa.array(customer[order])
    else:  # text ids, never a dictionary
        customer_id = strings(customer, [f"c{i:07d}" for i in range(n_customers)], dictionary=False)
    return pa.table({
        "customer_id": customer_id,
        "timestamp": pa.array(ts[order], pa.timestamp("ms", tz="UTC")),
        "channel": strings(channel, CHANNELS),
        "kind": strings(kind, KINDS),
        "value": pa.array(value[order], from_pandas=True),
        "survey": strings(survey_codes, ["nps", "csat"], mask=~is_survey[order]),
        "score": pa.array(np.where(is_survey, score, np.nan)[order], from_pandas=True),
    })


# ------------------------------------------------------------------ engines
# Each returns {analysis: answer} in one normal form, plus its own timings per analysis.


def proc_kb(field):
    """A field of /proc/self/status in kB (VmRSS: resident now, VmHWM: peak resident)."""
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(field + ":"))


def run_touchpoint(table, todo, timed):
    import touchpoint as tp

    # The dataset's memory: the RSS growth across from_arrow, and from_arrow's own peak above
    # the RSS before it (VmHWM reset through clear_refs; the process's peak before is kept).
    rss, peak = proc_kb("VmRSS"), proc_kb("VmHWM")
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    ds = timed("from_arrow", lambda: tp.Dataset.from_arrow(table))
    out = {"_memory": {"peak_before_kb": peak, "dataset_kb": proc_kb("VmRSS") - rss,
                       "from_arrow_peak_kb": proc_kb("VmHWM") - rss,
                       "events": ds.event_count, "customers": ds.customer_count}}
    if "sessions" in todo:
        s = timed("sessions", ds.sessions)
        out["sessions"] = [s["sessions"], s["events_per_session"]["mean"]]
    if "stages" in todo or "nps" in todo:
        r = timed("cx_report (stages, nps)", ds.cx_report)
        out["stages"] = {**{x["stage"]: x["customers"] for x in r["stage_distribution"]},
                         "none": r["customers_without_stage"]}
        out["nps"] = {ch: [v["nps"]["promoters"], v["nps"]["passives"], v["nps"]["detractors"]]
                      for ch, v in r["by_channel"].items() if v["nps"]["responses"]}
    if "rfm" in todo:
        r = timed("rfm", ds.rfm)
        codes = r["per_customer"].column("rfm").value_counts()  # a pyarrow Table's column
        out["rfm"] = {x["values"]: x["counts"] for x in codes.to_pylist()}
    if "funnel" in todo:
        f = timed("funnel", lambda: ds.funnel({"steps": STEPS, "window_seconds": WINDOW / 1000}))
        out["funnel"] = [s["customers"] for s in f["steps"]]
    if "retention" in todo:
        r = timed("retention", lambda: ds.retention({"period": "week", "periods": WEEKS, "retention_type": "first_time"}))
        out["retention"] = {f"{iso_week(c['cohort_start'])}+{i}": n for c in r["cohorts"]
                            for i, n in enumerate(c["retained"]) if n}
    return out


def iso_week(rfc3339):
    from datetime import datetime

    days = int(datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()) // 86400
    return (days + 3) // 7  # weeks since Monday 1969-12-29


def run_polars(df, todo, timed):
    import polars as pl

    def prepare():  # sorted by customer, then time; cid numbers the customers' runs of rows
        ev = (df.with_columns(ts=pl.col("timestamp").dt.epoch("ms"))
              .sort("customer_id", "ts", maintain_order=True).with_row_index("pos"))
        return ev.with_columns(cid=(pl.col("customer_id") != pl.col("customer_id").shift()).fill_null(True).cum_sum())
    ev = timed("sort", prepare)
    out = {}
    if "sessions" in todo:
        def sessions():
            new = ((pl.col("cid").diff() != 0) | (pl.col("ts").diff() > GAP)).fill_null(True)
            return ev.select(new.sum()).item()
        n = timed("sessions", sessions)
        out["sessions"] = [n, ev.height / n]
    if "stages" in todo:
        def stages():
            stage = pl.col("kind").replace_strict(STAGE_OF, default=None, return_dtype=pl.Int8)
            best = ev.group_by("cid").agg(stage.max())
            return dict(best.group_by("kind").len().iter_rows())
        counts = timed("stages", stages)
        out["stages"] = {**{s: counts.get(i, 0) for i, s in enumerate(STAGES)}, "none": counts.get(None, 0)}
    if "nps" in todo:
        def nps():
            s = pl.col("score")
            return (ev.filter(pl.col("survey") == "nps").group_by("channel")
                    .agg(p=(s >= 9).sum(), q=s.is_between(7, 8).sum(), d=(s <= 6).sum()))
        out["nps"] = {ch: [p, q, d] for ch, p, q, d in timed("nps", nps).iter_rows()}
    if "rfm" in todo:
        def rfm():
            as_of = ev["ts"].max()
            c = (ev.lazy().filter(pl.col("kind") == "purchase").group_by("cid")
                 .agg(rec=(as_of - pl.col("ts").max()) // DAY, f=pl.len(), m=pl.col("value").fill_null(0).sum()))
            n = pl.len()
            score = lambda x, desc=False: 1 + 5 * (pl.col(x).rank("min", descending=desc).cast(pl.Int64) - 1) // n
            code = pl.concat_str(score("rec", True), score("f"), score("m"))
            return dict(c.select(code.alias("rfm")).group_by("rfm").len().collect().iter_rows())
        out["rfm"] = timed("rfm", rfm)
    if "funnel" in todo:
        # Each step-0 event starts an attempt; each next step is the customer's first event of
        # that kind after the previous step (rows are contiguous per customer, so a plain
        # forward as-of join on the row position finds it, or another customer's row).
        def funnel():
            cur = ev.filter(pl.col("kind") == STEPS[0]).select("cid", "pos", t0="ts")
            counts = [cur["cid"].n_unique()]
            for kind in STEPS[1:]:
                nxt = ev.filter(pl.col("kind") == kind).select(ck="cid", pk="pos", tk="ts")
                cur = (cur.join_asof(nxt, left_on="pos", right_on="pk", strategy="forward", allow_exact_matches=False)
                       .filter((pl.col("ck") == pl.col("cid")) & (pl.col("tk") - pl.col("t0") <= WINDOW))
                       .select("cid", "t0", pos="pk"))
                counts.append(cur["cid"].n_unique())
            return counts
        out["funnel"] = timed("funnel", funnel)
    if "retention" in todo:
        def retention():
            week = ((pl.col("ts") // DAY + 3) // 7).alias("week")
            weeks = ev.lazy().select("cid", week).unique()
            r = (weeks.with_columns(cohort=pl.col("week").min().over("cid"))
                 .group_by("cohort", off=pl.col("week") - pl.col("cohort")).len().collect())
            return {f"{c}+{o}": n for c, o, n in r.iter_rows() if o < WEEKS}
        out["retention"] = timed("retention", retention)
    return out


def run_pandas(df, todo, timed):
    import numpy as np
    import pandas as pd

    def prepare():  # as in polars
        e = df.assign(ts=df["timestamp"].dt.as_unit("ms").astype("int64"))
        e = e.sort_values(["customer_id", "ts"], kind="stable", ignore_index=True)
        c = e["customer_id"]
        return e.assign(pos=np.arange(len(e)), cid=(c != c.shift()).cumsum())
    ev = timed("sort", prepare)
    out = {}
    if "sessions" in todo:
        def sessions():
            return int(((ev["cid"].diff() != 0) | (ev["ts"].diff() > GAP)).sum())
        n = timed("sessions", sessions)
        out["sessions"] = [n, len(ev) / n]
    if "stages" in todo:
        def stages():
            stage = ev["kind"].map(STAGE_OF).astype("float64")
            best = stage.groupby(ev["cid"], sort=False).max()
            return best.value_counts(dropna=False).to_dict()
        counts = {(None if k != k else int(k)): v for k, v in timed("stages", stages).items()}
        out["stages"] = {**{s: counts.get(i, 0) for i, s in enumerate(STAGES)}, "none": counts.get(None, 0)}
    if "nps" in todo:
        def nps():
            s = ev.loc[ev["survey"] == "nps", ["channel", "score"]]
            return s.assign(p=s.score >= 9, q=s.score.between(7, 8), d=s.score <= 6) \
                    .groupby("channel", observed=True)[["p", "q", "d"]].sum()
        out["nps"] = {ch: [int(x) for x in row] for ch, row in timed("nps", nps).iterrows()}
    if "rfm" in todo:
        def rfm():
            as_of = ev["ts"].max()
            c = ev[ev["kind"] == "purchase"].groupby("cid", sort=False) \
                .agg(last=("ts", "max"), f=("ts", "size"), m=("value", "sum"))
            n = len(c)
            score = lambda x, asc=True: (1 + 5 * (x.rank(method="min", ascending=asc) - 1) // n).astype(int).astype(str)
            code = score((as_of - c["last"]) // DAY, asc=False) + score(c["f"]) + score(c["m"])
            return code.value_counts().to_dict()
        out["rfm"] = timed("rfm", rfm)
    if "funnel" in todo:
        def funnel():  # as in polars
            cur = ev.loc[ev["kind"] == STEPS[0], ["cid", "pos", "ts"]].rename(columns={"ts": "t0"})
            counts = [cur["cid"].nunique()]
            for kind in STEPS[1:]:
                nxt = ev.loc[ev["kind"] == kind, ["cid", "pos", "ts"]].set_axis(["ck", "pk", "tk"], axis=1)
                cur = pd.merge_asof(cur, nxt, left_on="pos", right_on="pk", direction="forward", allow_exact_matches=False)
                cur = cur[(cur["ck"] == cur["cid"]) & (cur["tk"] - cur["t0"] <= WINDOW)]
                cur = cur[["cid", "pk", "t0"]].rename(columns={"pk": "pos"}).astype({"pos": "int64"})
                counts.append(cur["cid"].nunique())
            return counts
        out["funnel"] = timed("funnel", funnel)
    if "retention" in todo:
        def retention():
            w = ev[["cid"]].assign(week=(ev["ts"] // DAY + 3) // 7).drop_duplicates()
            w["off"] = w["week"] - w.groupby("cid", sort=False)["week"].transform("min")
            r = w.groupby([w["week"] - w["off"], "off"]).size()
            return {f"{c}+{o}": int(n) for (c, o), n in r.items() if o < WEEKS}
        out["retention"] = timed("retention", retention)
    return out


def run_duckdb(con, todo, timed):
    """The SQL an analyst would write, on the table `events` (load: the Parquet file as read)."""
    one = lambda sql: con.execute(sql).fetchall()
    out = {}
    if "sessions" in todo:
        (n, events), = timed("sessions", lambda: one("""
            SELECT count(*) FILTER (WHERE gap IS NULL OR gap > INTERVAL 30 MINUTE), count(*)
            FROM (SELECT timestamp - lag(timestamp) OVER (PARTITION BY customer_id ORDER BY timestamp) AS gap
                  FROM events)"""))
        out["sessions"] = [n, events / n]
    if "stages" in todo:
        stage_of = ", ".join(f"('{k}', {v})" for k, v in STAGE_OF.items())
        counts = dict(timed("stages", lambda: one(f"""
            WITH stage_of(kind, stage) AS (VALUES {stage_of}),
            furthest AS (SELECT customer_id, max(stage) AS stage FROM events LEFT JOIN stage_of USING (kind)
                         GROUP BY customer_id)
            SELECT stage, count(*) FROM furthest GROUP BY stage""")))
        out["stages"] = {**{s: counts.get(i, 0) for i, s in enumerate(STAGES)}, "none": counts.get(None, 0)}
    if "nps" in todo:
        rows = timed("nps", lambda: one("""
            SELECT channel, count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score BETWEEN 7 AND 8),
                   count(*) FILTER (WHERE score <= 6)
            FROM events WHERE survey = 'nps' GROUP BY channel"""))
        out["nps"] = {ch: [p, q, d] for ch, p, q, d in rows}
    if "rfm" in todo:
        # Quintiles as in the other engines: 1 + 5 * (rank - 1) // customers, rank() = the
        # lowest rank of ties; recency in whole days before the last event, fewer is better.
        out["rfm"] = dict(timed("rfm", lambda: one(f"""
            WITH buyers AS (
              SELECT ((SELECT epoch_ms(max(timestamp)) FROM events) - epoch_ms(max(timestamp))) // {DAY} AS recency_days,
                     count(*) AS frequency, coalesce(sum(value), 0) AS monetary
              FROM events WHERE kind = 'purchase' GROUP BY customer_id),
            scored AS (
              SELECT 1 + 5 * (rank() OVER (ORDER BY recency_days DESC) - 1) // count(*) OVER () AS r,
                     1 + 5 * (rank() OVER (ORDER BY frequency) - 1) // count(*) OVER () AS f,
                     1 + 5 * (rank() OVER (ORDER BY monetary) - 1) // count(*) OVER () AS m
              FROM buyers)
            SELECT concat(r, f, m) AS rfm, count(*) FROM scored GROUP BY rfm""")))
    if "funnel" in todo:
        # Each email_open starts an attempt; each next step is the customer's first event of that
        # kind after the previous step (ASOF JOIN), within 7 days of the attempt's start. Events
        # at the same time keep the log's order (file_row_number), as in the other engines.
        kinds = ", ".join(f"'{k}'" for k in STEPS)
        ctes = [f"""steps AS MATERIALIZED (
              SELECT customer_id, kind, timestamp,
                     row_number() OVER (PARTITION BY customer_id ORDER BY timestamp, file_row_number) AS pos
              FROM events WHERE kind IN ({kinds}))""",
                f"s0 AS MATERIALIZED (SELECT customer_id, pos, timestamp AS t0 FROM steps WHERE kind = '{STEPS[0]}')"]
        for i, kind in enumerate(STEPS[1:], 1):
            ctes.append(f"""s{i} AS MATERIALIZED (
              SELECT a.customer_id, b.pos, a.t0
              FROM s{i - 1} a ASOF JOIN (SELECT * FROM steps WHERE kind = '{kind}') b
                ON b.customer_id = a.customer_id AND b.pos > a.pos
              WHERE b.timestamp - a.t0 <= INTERVAL 7 DAY)""")
        counts = ", ".join(f"(SELECT count(DISTINCT customer_id) FROM s{i})" for i in range(len(STEPS)))
        out["funnel"] = list(timed("funnel", lambda: one(f"WITH {', '.join(ctes)} SELECT {counts}"))[0])
    if "retention" in todo:
        rows = timed("retention", lambda: one(f"""
            WITH weeks AS (SELECT DISTINCT customer_id, date_trunc('week', timestamp) AS week FROM events),
            cohorts AS (SELECT week, min(week) OVER (PARTITION BY customer_id) AS cohort FROM weeks)
            SELECT epoch_ms(cohort), date_diff('week', cohort, week) AS weeks_later, count(*)
            FROM cohorts GROUP BY ALL HAVING weeks_later < {WEEKS}"""))
        out["retention"] = {f"{(ms // DAY + 3) // 7}+{o}": n for ms, o, n in rows}
    return out


def child(engine, path, todo):
    """Loads the Parquet file, runs the job, prints one JSON line; runs in its own process."""
    steps = {}

    def timed(name, f):
        t = time.perf_counter()
        result = f()
        steps[name] = time.perf_counter() - t
        return result

    # The modules are imported before the clock starts: load is reading the file only.
    if engine == "touchpoint":
        import pyarrow.dataset  # noqa: F401 (read_table reads through it: 0.5 s to import)
        import pyarrow.parquet as pq
        import touchpoint  # noqa: F401
    elif engine == "polars":
        import polars as pl
    elif engine == "duckdb":
        import duckdb
    else:
        import pandas as pd
        import pyarrow.dataset  # noqa: F401 (pandas reads through it)
        import pyarrow.parquet  # noqa: F401
    t = time.perf_counter()
    if engine == "touchpoint":
        data, run = pq.read_table(path), run_touchpoint
    elif engine == "polars":
        data, run = pl.read_parquet(path), run_polars
    elif engine == "duckdb":
        data, run = duckdb.connect(), run_duckdb
        data.execute("SET TimeZone = 'UTC'")  # weeks start on Monday 00:00 UTC, as elsewhere
        data.execute("CREATE TABLE events AS SELECT * FROM read_parquet(?, file_row_number = true)", [path])
    else:
        data, run = pd.read_parquet(path), run_pandas
    load = time.perf_counter() - t
    t = time.perf_counter()
    answers = run(data, todo, timed)
    job = time.perf_counter() - t
    memory = answers.pop("_memory", None)
    hwm = max(proc_kb("VmHWM"), memory["peak_before_kb"] if memory else 0)
    answers = {k: normal(v) for k, v in answers.items() if k in todo}
    extra = {}
    if engine == "touchpoint":
        extra["input"] = {f.name: str(f.type) for f in data.schema}
        extra["chunks"] = data.column(0).num_chunks
    print(json.dumps({"load": load, "job": job, "peak_mb": hwm / 1024, "steps": steps, "answers": answers,
                      "memory": memory, **extra}))


def normal(x):
    """JSON-stable form: string keys sorted, numbers as int or rounded float."""
    if isinstance(x, dict):
        return {str(k): normal(v) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, (list, tuple)):
        return [normal(v) for v in x]
    if isinstance(x, float) and not x.is_integer():
        return round(x, 9)
    return int(x) if hasattr(x, "__int__") and not isinstance(x, str) else x


# ------------------------------------------------------------------ driver


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--engines", default="touchpoint,polars,pandas,duckdb")
    ap.add_argument("--shape", default="current,realistic",
                    help=f"comma list of {', '.join(SHAPES)}, or all (default: current,realistic)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--todo", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.input, args.todo.split(","))
    shapes = list(SHAPES) if args.shape == "all" else args.shape.split(",")
    if unknown := [x for x in shapes if x not in SHAPES]:
        sys.exit(f"unknown shape {', '.join(unknown)}: use {', '.join(SHAPES)} or all")

    import touchpoint

    todo = []
    for a in ANALYSES:
        if hasattr(touchpoint.Dataset, METHOD[a]):
            todo.append(a)
        else:
            print(f"touchpoint: {a} not bound yet (no Dataset.{METHOD[a]}); skipped in every engine")
    if not hasattr(touchpoint.Dataset, "from_arrow"):
        sys.exit("touchpoint: Dataset.from_arrow not bound yet; nothing to compare")
    engines = args.engines.split(",")

    every, ok = {}, True
    for shape in shapes:
        every[shape], agreed = run_shape(shape, args.events, engines, todo)
        ok &= agreed
    # Shapes drawn with the same customers per event hold the same events: the same answers.
    base = engines[0]
    for per in {SHAPES[x][0] for x in shapes}:
        same = [x for x in shapes if SHAPES[x][0] == per]
        if len(same) > 1:
            differ = [x for x in same[1:] if not agree(every[same[0]][base]["answers"], every[x][base]["answers"])]
            ok &= not differ
            print(f"{'ok  ' if not differ else 'FAIL'} the same events in {', '.join(same)}: "
                  + ("the same answers" if not differ else f"{base} differs in {', '.join(differ)}"))
    print_summary(every, engines, args.events)
    print("all answers agree" if ok else "ANSWERS DIFFER")
    sys.exit(0 if ok else 1)


def run_shape(shape, n, engines, todo):
    """Writes the shape's Parquet file, runs every engine on it, prints its table; (results, agreed)."""
    import pyarrow.parquet as pq

    print(f"\n=== shape {shape}")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        table = generate(n, shape)
        path = os.path.join(tmp, "events.parquet")
        pq.write_table(table, path, row_group_size=SHAPES[shape][3])
        print(f"{table.num_rows:,} events, {len(table['customer_id'].unique()):,} "
              f"customers, {DAYS} days; generated and written in {time.perf_counter() - t:.1f} s")
        del table
        results = {}
        for engine in engines:
            cmd = [sys.executable, __file__, "--child", engine, "--input", path, "--todo", ",".join(todo)]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"{engine} failed on shape {shape}:\n{done.stderr}")
            results[engine] = json.loads(done.stdout.strip().splitlines()[-1])

    if "touchpoint" in results:
        tp = results["touchpoint"]
        types = ", ".join(f"{c} {tp['input'][c]}" for c in ("customer_id", "channel", "kind"))
        ids = " (integer ids passed as they are: from_arrow reads them)" if "int" in tp["input"]["customer_id"] else ""
        print(f"touchpoint reads {types}{ids}; {tp['chunks']} chunks per column")
    print(f"\n{'engine':<12}{'load s':>9}{'job s':>9}{'peak MB':>10}   job steps (s)")
    for e, r in results.items():
        steps = ", ".join(f"{k} {v:.2f}" for k, v in r["steps"].items())
        print(f"{e:<12}{r['load']:>9.2f}{r['job']:>9.2f}{r['peak_mb']:>10.0f}   {steps}")
    if "touchpoint" in results:
        m = tp["memory"]
        print(f"touchpoint dataset: {m['dataset_kb'] / 1024:.0f} MB of RSS growth across from_arrow = "
              f"{m['dataset_kb'] * 1024 / m['events']:.0f} bytes per event, {m['dataset_kb'] * 1024 / m['customers']:,.0f} "
              f"per customer; from_arrow's peak {m['from_arrow_peak_kb'] / 1024:.0f} MB above the RSS before it")
        for e in engines:
            if e != "touchpoint":
                r = results[e]
                print(f"touchpoint vs {e}: job {r['job'] / tp['job']:.1f}x faster "
                      f"(load + job {(r['load'] + r['job']) / (tp['load'] + tp['job']):.1f}x), "
                      f"peak memory {tp['peak_mb'] / r['peak_mb']:.2f}x of {e}'s")

    base, ok = engines[0], True
    for a in todo:
        bad = [e for e in engines[1:] if not agree(results[base]["answers"][a], results[e]["answers"][a])]
        ok &= not bad
        print(f"  {'ok  ' if not bad else 'FAIL'} {a}: " + (summary(a, results[base]["answers"][a]) if not bad else
              "; ".join(f"{e}: {str(results[e]['answers'][a])[:300]}" for e in [base] + bad)))
    return results, ok


def print_summary(every, engines, n):
    """One table for every shape: times, peaks, and touchpoint's ratios to each peer."""
    print(f"\nsummary at {n:,} events (touchpoint's job includes from_arrow; x = how many times "
          "faster touchpoint is; peak = touchpoint's peak / the engine's)")
    print(f"{'shape':<12}{'engine':<12}{'load s':>8}{'job s':>8}{'peak MB':>9}{'job x':>8}{'load+job x':>12}"
          f"{'peak':>7}   touchpoint bytes/event, /customer")
    for shape, results in every.items():
        tp = results.get("touchpoint")
        for e, r in results.items():
            row = f"{shape:<12}{e:<12}{r['load']:>8.2f}{r['job']:>8.2f}{r['peak_mb']:>9.0f}"
            if e == "touchpoint":
                m = r["memory"]
                row += f"{'':>27}   {m['dataset_kb'] * 1024 / m['events']:.0f}, {m['dataset_kb'] * 1024 / m['customers']:,.0f}"
            elif tp:
                row += (f"{r['job'] / tp['job']:>7.1f}x{(r['load'] + r['job']) / (tp['load'] + tp['job']):>11.1f}x"
                        f"{tp['peak_mb'] / r['peak_mb']:>7.2f}")
            print(row)


def agree(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(agree(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(agree(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b


def summary(a, x):
    if a == "sessions":
        return f"{x[0]:,} sessions, {x[1]:.3f} events per session"
    if a == "stages":
        return ", ".join(f"{k} {v:,}" for k, v in x.items())
    if a == "nps":
        return ", ".join(f"{ch} {round(100 * (p - d) / (p + q + d), 1)}" for ch, (p, q, d) in x.items())
    if a == "rfm":
        top = sorted(x.items(), key=lambda kv: -kv[1])[:3]
        return f"{sum(x.values()):,} customers scored in {len(x)} RFM codes; top " + ", ".join(f"{k}: {v:,}" for k, v in top)
    if a == "funnel":
        return " → ".join(f"{s} {n:,}" for s, n in zip(STEPS, x))
    return f"{len({k.split('+')[0] for k in x})} weekly cohorts, {len(x)} non-zero cells"


if __name__ == "__main__":
    main()
