#!/usr/bin/env python3
"""Writes vectors/survey.json: survey programmes, the engagement index, response rates and
wave comparisons, with every expected number computed here, independently of touchpoint —
by the definitions in docs/guide-surveys.md, in plain Python, and with scipy for Welch's
t-test and the normal tails (the test suite's venv has scipy, through statsmodels).

    .venv/bin/python scripts/survey-vectors.py
"""

import json
import math
import pathlib
import statistics

from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parent.parent
Z95 = float(stats.norm.ppf(0.975))

ENGAGEMENT_IDS = ["csat", "will_buy_again", "nps", "delivers_promise", "fair_solution"]
SCALES = {"csat": (1, 5), "will_buy_again": (1, 5), "nps": (0, 10),
          "delivers_promise": (1, 5), "fair_solution": (1, 5)}

WAVE = [
    {"customer_id": "c1", "timestamp": "2026-03-02T10:00:00Z", "channel": "email",
     "touchpoint": "order_delivered", "stage": "own",
     "csat": 5, "will_buy_again": 5, "nps": 10, "delivers_promise": 5, "fair_solution": 5,
     "comment": "Great service, I love it"},
    {"customer_id": "c2", "timestamp": "2026-03-03T10:00:00Z", "channel": "email",
     "touchpoint": "support_ticket_closed", "stage": "own",
     "csat": 3, "will_buy_again": 4, "nps": 6, "delivers_promise": 3, "fair_solution": 1,
     "comment": "The refund was slow and the support was terrible"},
    {"customer_id": "c3", "timestamp": "2026-03-10T10:00:00Z", "channel": "in_app",
     "touchpoint": "order_delivered", "stage": "buy",
     "csat": "4", "will_buy_again": 2, "nps": 8, "delivers_promise": 4, "fair_solution": None,
     "comment": ""},
    {"customer_id": "c1", "timestamp": "2026-03-11T09:00:00Z", "channel": "in_app",
     "touchpoint": "order_delivered", "stage": "advocate",
     "csat": 4, "will_buy_again": 5, "nps": 9, "delivers_promise": 4, "fair_solution": 4,
     "comment": None},
]


def hundred(q, a):
    lo, hi = SCALES[q]
    return 100 * (a - lo) / (hi - lo)


def engagement_expected(rows):
    per_customer = {}
    complete = incomplete = 0
    for r in rows:
        answers = [r.get(q) for q in ENGAGEMENT_IDS]
        if any(a is None for a in answers):
            incomplete += 1
            continue
        complete += 1
        index = statistics.mean(hundred(q, float(a)) for q, a in zip(ENGAGEMENT_IDS, answers))
        per_customer.setdefault(r["customer_id"], []).append(index)
    customers = {c: statistics.mean(v) for c, v in sorted(per_customer.items())}
    values = list(customers.values())
    sd = statistics.stdev(values)
    by_question = []
    for q in ENGAGEMENT_IDS:
        xs = [hundred(q, float(r[q])) for r in rows if r.get(q) is not None]
        by_question.append({"question": q, "score": statistics.mean(xs), "responses": len(xs)})
    return {
        "questions": ENGAGEMENT_IDS,
        "index": statistics.mean(values),
        "std_dev": sd,
        "margin_of_error": float(stats.t.ppf(0.975, len(values) - 1)) * sd / math.sqrt(len(values)),
        "customers": len(values),
        "complete_responses": complete,
        "incomplete_responses": incomplete,
        "by_question": by_question,
        "weakest_question": min(by_question, key=lambda b: b["score"])["question"],
        "per_customer": [{"customer_id": c, "index": v, "responses": len(per_customer[c])}
                         for c, v in customers.items()],
    }


def share(k, n):
    p = k / n
    return 100 * p, 100 * Z95 * math.sqrt(p * (1 - p) / n)


def rating_expected(answers, lo, hi, top, bottom):
    n = len(answers)
    mean = statistics.mean(answers)
    sd = statistics.stdev(answers)
    t, tm = share(sum(a in top for a in answers), n)
    b, bm = share(sum(a in bottom for a in answers), n)
    return {
        "min": lo, "max": hi,
        "counts": [answers.count(p) for p in range(lo, hi + 1)],
        "mean": mean, "std_dev": sd,
        "margin_of_error": float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n),
        "top_box": sum(a in top for a in answers), "top_box_share": t, "top_box_margin": tm,
        "bottom_box": sum(a in bottom for a in answers), "bottom_box_share": b,
        "bottom_box_margin": bm,
    }


def nps_expected(answers):
    n = len(answers)
    p = sum(a >= 9 for a in answers)
    d = sum(a <= 6 for a in answers)
    pp, dd = p / n, d / n
    return {
        "responses": n, "promoters": p, "passives": n - p - d, "detractors": d,
        "nps": 100 * (pp - dd),
    }


def long_rows(rows, ids):
    out = []
    for i, r in enumerate(rows):
        for q in ids:
            if q in r:
                out.append({"response_id": f"r{i + 1}", "customer_id": r["customer_id"],
                            "timestamp": r["timestamp"], "channel": r["channel"],
                            "touchpoint": r["touchpoint"], "stage": r["stage"],
                            "question": q, "answer": r[q]})
    return out


def engagement_cases():
    e = engagement_expected(WAVE)
    csat = [5, 3, 4, 4]
    overall = {
        "group": None,
        "responses": 4,
        "questions": [
            {"question": "csat", "type": "csat", "responses": 4, "skipped": 0,
             "rating": rating_expected(csat, 1, 5, {4, 5}, {1, 2})},
            {"question": "will_buy_again", "type": "likert", "responses": 4, "skipped": 0,
             "rating": rating_expected([5, 4, 2, 5], 1, 5, {4, 5}, {1, 2})},
            {"question": "nps", "type": "nps", "responses": 4, "skipped": 0,
             "nps": nps_expected([10, 6, 8, 9])},
            {"question": "delivers_promise", "type": "likert", "responses": 4},
            {"question": "fair_solution", "type": "likert", "responses": 3, "skipped": 1},
            # VADER: the first comment is positive, the second negative; "" and null skipped.
            {"question": "comment", "type": "text", "responses": 2, "skipped": 2,
             "sentiment": {"positive": 1, "neutral": 0, "negative": 1, "unscored": 0,
                           "negative_share": 50.0}},
        ],
        "engagement_index": e["index"],
        "response_rate": None,
    }
    by_channel = [
        {"group": "email", "responses": 2,
         "engagement_index": statistics.mean([100.0, statistics.mean(
             hundred(q, float(WAVE[1][q])) for q in ENGAGEMENT_IDS)])},
        {"group": "in_app", "responses": 2,
         "engagement_index": statistics.mean(hundred(q, float(WAVE[3][q])) for q in ENGAGEMENT_IDS)},
    ]
    expected = {
        "survey": "engagement", "responses": 4, "customers": 3,
        "first_response": "2026-03-02T10:00:00Z", "last_response": "2026-03-11T09:00:00Z",
        "overall": overall, "engagement_index": e, "by_channel": by_channel,
        "by_touchpoint": [{"group": "order_delivered", "responses": 3},
                          {"group": "support_ticket_closed", "responses": 1}],
        "by_stage": [{"group": "buy", "responses": 1}, {"group": "own", "responses": 2},
                     {"group": "advocate", "responses": 1}],
        "by_segment": [{"group": None, "responses": 4}],
        "by_period": [{"group": "2026-03-02", "responses": 2},
                      {"group": "2026-03-09", "responses": 2}],
        "responses_without_invitation": None,
    }
    wide = {"name": "engagement template: a wide wave scored, the index per customer and the "
                    "weakest question",
            "op": "score_survey",
            "input": {"survey": "engagement", "responses": WAVE,
                      "options": {"period": "week"}},
            "expected": expected}
    long = {"name": "engagement template: the same wave as long rows gives the same report",
            "op": "score_survey",
            "input": {"survey": "engagement", "responses": long_rows(WAVE, ENGAGEMENT_IDS + ["comment"]),
                      "options": {"period": "week", "layout": "long"}},
            "expected": expected}
    some = {"name": "engagement index from three answered questions of five (index_min_answers)",
            "op": "score_survey",
            "input": {"survey": "engagement", "responses": WAVE,
                      "options": {"index_min_answers": 3}},
            "expected": {"engagement_index": {
                "complete_responses": 4, "incomplete_responses": 0, "customers": 3,
                "per_customer": [
                    {"customer_id": "c1", "responses": 2},
                    {"customer_id": "c2", "responses": 1},
                    {"customer_id": "c3", "responses": 1,
                     "index": statistics.mean([75.0, 25.0, 80.0, 75.0])}]}}}
    return [wide, long, some]


CUSTOM = {
    "id": "onboarding",
    "questions": [
        {"id": "effort", "type": "ces", "points": 5, "reverse": True},
        {"id": "ten", "type": "rating", "min": 1, "max": 10},
        {"id": "found", "type": "yes_no"},
        {"id": "plan", "type": "single_choice", "choices": ["free", "pro"]},
        {"id": "used", "type": "multiple_choice", "choices": ["web", "ios", "android"]},
    ],
    "engagement_index": ["effort", "found"],
}


def custom_cases():
    rows = [
        {"customer_id": 1, "timestamp": 0, "effort": 1, "ten": 10, "found": "yes",
         "plan": "pro", "used": "web, ios"},
        {"customer_id": 2, "timestamp": 0, "effort": 5, "ten": 1, "found": False,
         "plan": "free", "used": ["android", "web"]},
        {"customer_id": 2, "timestamp": 1000, "effort": 2, "found": 1, "used": ""},
    ]
    scored_effort = [5, 1, 4]  # reversed: 1 → 5, 5 → 1, 2 → 4
    c2 = statistics.mean([statistics.mean([0, 0]), statistics.mean([75, 100])])
    return [
        {"name": "a custom survey: reversed CES, a 1-10 rating's default boxes (8-10, 1-3), "
                 "yes/no, single and multiple choice",
         "op": "score_survey",
         "input": {"survey": CUSTOM, "responses": rows, "options": None},
         "expected": {"overall": {"questions": [
             {"question": "effort", "rating": rating_expected(scored_effort, 1, 5, {4, 5}, {1, 2})},
             {"question": "ten", "responses": 2, "skipped": 1,
              "rating": {"counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], "top_box": 1, "bottom_box": 1,
                         "mean": 5.5}},
             {"question": "found", "yes_no": {"yes": 2, "no": 1,
                                              "yes_share": share(2, 3)[0],
                                              "margin_of_error": share(2, 3)[1]}},
             {"question": "plan", "responses": 2, "skipped": 1,
              "choices": [{"choice": "free", "count": 1, "share": 50.0},
                          {"choice": "pro", "count": 1, "share": 50.0}]},
             {"question": "used", "responses": 2, "skipped": 1,
              "choices": [{"choice": "web", "count": 2, "share": 100.0},
                          {"choice": "ios", "count": 1, "share": 50.0},
                          {"choice": "android", "count": 1, "share": 50.0}]},
         ]},
             "engagement_index": {"index": statistics.mean([100.0, c2]),
                                  "weakest_question": "effort",
                                  "per_customer": [{"customer_id": "1", "index": 100.0},
                                                   {"customer_id": "2", "index": c2}]}}},
        {"name": "a template read back from its own definition",
         "op": "survey_template",
         "input": {"name": "ces"},
         "expected": {"id": "ces", "questions": [
             {"id": "ces", "type": "ces", "min": 1, "max": 7, "top_box": [5, 6, 7],
              "bottom_box": [1, 2, 3]},
             {"id": "comment", "type": "text"}]}},
    ]


def invitation_case():
    day = 86_400_000
    invitations = [
        {"customer_id": "a", "timestamp": 0, "channel": "email", "kind": "survey_sent"},
        {"customer_id": "b", "timestamp": 0, "channel": "email"},
        {"customer_id": "c", "timestamp": 0, "channel": "sms"},
        {"customer_id": "a", "timestamp": day, "channel": "email"},
    ]
    responses = [
        # a answers the second invitation an hour after it; b 40 days after its invitation
        # (past the 30-day window: no invitation); c two hours after.
        {"customer_id": "a", "timestamp": day + 3_600_000, "channel": "email", "nps": 9},
        {"customer_id": "b", "timestamp": 40 * day, "channel": "email", "nps": 3},
        {"customer_id": "c", "timestamp": 7_200_000, "channel": "sms", "nps": 10},
    ]
    rate, margin = share(2, 4)
    email_rate = share(1, 3)
    return [{
        "name": "response rates: each response answers its customer's latest invitation within "
                "30 days; rates and warnings per channel",
        "op": "score_survey",
        "input": {"survey": "nps", "responses": responses, "invitations": invitations,
                  "options": {"min_response_rate": 0.4, "min_responses": 2}},
        "expected": {
            "overall": {"response_rate": {"invitations": 4, "responded": 2, "rate": rate,
                                          "margin_of_error": margin,
                                          "median_seconds_to_respond": 5400.0}},
            "by_channel": [
                {"group": "email", "responses": 2,
                 "response_rate": {"invitations": 3, "responded": 1, "rate": email_rate[0],
                                   "median_seconds_to_respond": 3600.0}},
                {"group": "sms", "responses": 1,
                 "response_rate": {"invitations": 1, "responded": 1, "rate": 100.0,
                                   "median_seconds_to_respond": 7200.0}}],
            "responses_without_invitation": 1,
            "warnings": [
                {"breakdown": "channel", "group": "email", "kind": "low_response_rate",
                 "responses": 2, "response_rate": email_rate[0]},
                {"breakdown": "channel", "group": "sms", "kind": "few_responses",
                 "responses": 1, "response_rate": 100.0},
            ]}}]


def nps_wave(scores, day):
    return [{"customer_id": i, "timestamp": day * 86_400_000, "nps": s}
            for i, s in enumerate(scores)]


def nps_change(a, b, alpha=0.05):
    def est(xs):
        n = len(xs)
        p = sum(x >= 9 for x in xs) / n
        d = sum(x <= 6 for x in xs) / n
        return 100 * (p - d), (p + d - (p - d) ** 2) / n
    (s0, v0), (s1, v1) = est(a), est(b)
    se = math.sqrt(v0 + v1)
    diff = s1 - s0
    z = diff / (100 * se)
    q = stats.norm.ppf(1 - alpha / 2)
    p = float(2 * stats.norm.sf(abs(z)))
    q = float(q)
    return {"question": "nps", "measure": "nps", "earlier": s0, "later": s1, "difference": diff,
            "lower": diff - q * 100 * se, "upper": diff + q * 100 * se, "p_value": p,
            "significant": p < alpha, "note": None}


def welch(a, b, alpha=0.05):
    t = stats.ttest_ind(b, a, equal_var=False)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = float(stats.t.ppf(1 - alpha / 2, df)) * math.sqrt(va + vb)
    d = statistics.mean(b) - statistics.mean(a)
    return d, d - half, d + half, float(t.pvalue)


def two_proportions(k0, n0, k1, n1, alpha=0.05):
    p0, p1 = k0 / n0, k1 / n1
    se = math.sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1)
    z = (p1 - p0) / se
    q = stats.norm.ppf(1 - alpha / 2)
    return (100 * (p1 - p0), float(100 * (p1 - p0 - q * se)), float(100 * (p1 - p0 + q * se)),
            float(2 * stats.norm.sf(abs(z))))


def wave_cases():
    first = [[10, 9, 8, 7, 3][i % 5] for i in range(200)]
    second = [[10, 9, 9, 7, 6, 2][i % 6] for i in range(180)]
    c0 = [1, 2, 3, 4, 5] * 8
    c1 = [2, 4, 4, 5, 5] * 7
    d, lo, hi, p = welch(c0, c1)
    td, tlo, thi, tp = two_proportions(16, 40, 28, 35)
    return [
        {"name": "two NPS waves: the trinomial z-test of the later minus the earlier",
         "op": "compare_survey_waves",
         "input": {"survey": "nps", "earlier": nps_wave(first, 0), "later": nps_wave(second, 30),
                   "options": None, "alpha": 0.05},
         "expected": {"alpha": 0.05, "earlier_responses": 200, "later_responses": 180,
                      "changes": [nps_change(first, second)]}},
        {"name": "two CSAT waves: Welch's t-test of the means, a two-proportion z-test of CSAT "
                 "(top 2 of 5)",
         "op": "compare_survey_waves",
         "input": {"survey": "csat",
                   "earlier": [{"customer_id": i, "timestamp": 0, "csat": s} for i, s in enumerate(c0)],
                   "later": [{"customer_id": i, "timestamp": 0, "csat": s} for i, s in enumerate(c1)],
                   "options": None, "alpha": 0.05},
         "expected": {"changes": [
             {"question": "csat", "measure": "mean", "earlier": 3.0, "later": 4.0,
              "difference": d, "lower": lo, "upper": hi, "p_value": p, "significant": p < 0.05},
             {"question": "csat", "measure": "top_box_share", "earlier": 40.0, "later": 80.0,
              "difference": td, "lower": tlo, "upper": thi, "p_value": tp,
              "significant": tp < 0.05}]}},
    ]


def error_cases():
    row = {"customer_id": "c1", "timestamp": 0}
    return [
        {"name": "error: an answer outside its scale (NPS 11) names the row and the question",
         "op": "score_survey",
         "input": {"survey": "nps", "responses": [dict(row, nps=10), dict(row, nps=11)]},
         "error": {"code": "OUT_OF_RANGE", "record": "record 2", "field": "nps"}},
        {"name": "error: a CSAT of 4.5 is not a point of the scale",
         "op": "score_survey",
         "input": {"survey": "csat", "responses": [dict(row, csat=4.5)]},
         "error": {"code": "OUT_OF_RANGE", "record": "record 1", "field": "csat"}},
        {"name": "error: a wide column that is no question of the survey",
         "op": "score_survey",
         "input": {"survey": "nps", "responses": [dict(row, q9=3)]},
         "error": {"code": "INVALID_RECORD", "record": "record 1", "field": "q9"}},
        {"name": "error: a long row answering a question the survey does not have",
         "op": "score_survey",
         "input": {"survey": "nps", "options": {"layout": "long"},
                   "responses": [dict(row, question="nps", answer=7),
                                 dict(row, question="q9", answer=7)]},
         "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "question"}},
        {"name": "error: a choice that is not one of the question's",
         "op": "score_survey",
         "input": {"survey": CUSTOM, "responses": [dict(row, plan="team")]},
         "error": {"code": "OUT_OF_RANGE", "record": "record 1", "field": "plan"}},
        {"name": "error: a comment over 1 MiB is refused, never truncated",
         "op": "score_survey",
         "input": {"survey": "nps", "responses": [
             dict(row, comment={"$repeat": "slow delivery ", "times": 80_000})]},
         "error": {"code": "OUT_OF_RANGE", "record": "record 1", "field": "comment"}},
        {"name": "error: skipped answers rejected when asked",
         "op": "score_survey",
         "input": {"survey": "nps", "options": {"skipped": "reject"},
                   "responses": [dict(row, nps=9, comment="fine"), dict(row, nps=9)]},
         "error": {"code": "INVALID_RECORD", "record": "record 2", "field": "comment"}},
        {"name": "error: an unknown template",
         "op": "survey_template", "input": {"name": "loyalty"},
         "error": {"code": "INVALID_CONFIG"}},
        {"name": "error: a top box outside the scale",
         "op": "score_survey",
         "input": {"survey": {"id": "s", "questions": [{"id": "a", "type": "csat", "top_box": [6]}]},
                   "responses": []},
         "error": {"code": "INVALID_CONFIG"}},
        {"name": "error: a minimum response rate that is no fraction",
         "op": "score_survey",
         "input": {"survey": "nps", "responses": [], "options": {"min_response_rate": 5}},
         "error": {"code": "INVALID_CONFIG", "field": "min_response_rate"}},
    ]


def main():
    cases = engagement_cases() + custom_cases() + invitation_case() + wave_cases() + error_cases()
    doc = {
        "description": "Survey programmes (issue 12): templates, a wave scored wide and long, "
                       "reversed scales, boxes, choices, the engagement index, response rates "
                       "from invitations, two waves compared, and typed errors. Written by "
                       "scripts/survey-vectors.py, every number computed there from the "
                       "definitions in docs/guide-surveys.md (scipy for Welch's t).",
        "cases": cases,
    }
    path = ROOT / "vectors" / "survey.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
