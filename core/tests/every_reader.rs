//! What every reader accepts: integer customer ids, customer traits with the events, and
//! several survey answers on one response (an NPS, a CSAT and a CES; the engagement survey).

use serde_json::{json, Value};
use touchpoint::ingest::{
    read_columns, read_csv, read_records, read_segment, AnswerColumn, EventColumns, IntIds, Mode,
    NumColumn, TimeColumn,
};
use touchpoint::{cx_report, Dataset, StageMap, SurveyMetric};

const T: &str = "2026-03-01T09:00:00Z";

fn record(customer_id: Value) -> Value {
    json!({"customer_id": customer_id, "timestamp": T, "channel": "web", "kind": "click"})
}

fn ids(d: &Dataset) -> Vec<String> {
    d.customers().map(|c| c.id.to_string()).collect()
}

#[test]
fn integer_ids_are_kept_as_their_decimal_text() {
    let big = 9_007_199_254_740_993_u64; // past 2^53: exact as an integer
    let read = read_records(
        vec![
            record(json!(42)),
            record(json!(-7)),
            record(json!(big)),
            record(json!(42.0)),
            record(json!("42")),
        ],
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(ids(&read.dataset), ["42", "-7", big.to_string().as_str()]);
    assert_eq!(read.dataset.customer(0).len(), 3);

    for (bad, words) in [
        (json!(42.5), "not an id"),
        (json!(1e300), "2^53"),
        (json!(true), "a string or an integer"),
    ] {
        let e = read_records(vec![record(bad.clone())], Mode::Strict).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("INVALID_RECORD", Some("customer_id")),
            "{bad}"
        );
        assert!(e.to_string().contains(words), "{e}");
    }
    let seg = "{\"userId\":42,\"event\":\"Email Opened\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"properties\":{\"channel\":\"email\"}}\n{\"anonymousId\":7,\"event\":\"Email Opened\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"properties\":{\"channel\":\"email\"}}\n";
    assert_eq!(
        ids(&read_segment(seg, Mode::Strict).unwrap().dataset),
        ["42", "7"]
    );

    let ints = IntIds::new([Some(42_i64), None, Some(-1), Some(42)]);
    let ts = [0_i64; 4];
    let (ch, k) = (["web"; 4], ["click"; 4]);
    let read = read_columns(
        &EventColumns::new(&ints, TimeColumn::millis(&ts), &ch, &k),
        Mode::Lenient,
    )
    .unwrap();
    assert_eq!(ids(&read.dataset), ["42", "-1"]);
    assert_eq!(
        read.rejected[0].to_string(),
        "record 2: field `customer_id`: is null"
    );
}

#[test]
fn traits_come_with_events_and_the_latest_wins() {
    let read = read_records(
        vec![
            json!({"customer_id": "ana", "timestamp": "2026-03-05T00:00:00Z", "channel": "web", "kind": "click", "traits": {"plan": "pro"}}),
            json!({"customer_id": "ana", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "click", "traits": {"plan": "free", "country": "IT"}}),
            json!({"customer_id": "ben", "timestamp": "2026-03-01T00:00:00Z", "channel": "web", "kind": "click", "traits": null}),
        ],
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(
        Value::Object(read.dataset.traits(0).clone()),
        json!({"plan": "pro", "country": "IT"})
    );
    assert!(read.dataset.traits(1).is_empty());
    let e = read_records(
        vec![json!({"customer_id": "ana", "timestamp": T, "channel": "web", "kind": "click", "traits": [1]})],
        Mode::Strict,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("traits"));
}

/// An NPS, a CSAT and a CES on one response.
fn three_answers(d: &Dataset) -> (u64, u64, u64, Vec<(SurveyMetric, u8)>) {
    let r = cx_report(d, &StageMap::default());
    let c = d.customer(0);
    (
        r.overall.nps.responses,
        r.overall.csat.responses,
        r.overall.ces.responses,
        c.answers(0).collect(),
    )
}

#[test]
fn one_response_carries_several_answers_in_every_reader() {
    let want = (
        1,
        1,
        1,
        vec![
            (SurveyMetric::Nps, 9),
            (SurveyMetric::Csat, 4),
            (SurveyMetric::Ces, 6),
        ],
    );
    let records = read_records(
        vec![json!({"customer_id": 1, "timestamp": T, "channel": "email", "kind": "survey_response", "answers": {"nps": 9, "CSAT": 4, "ces": 6, "fair_solution": null}})],
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(three_answers(&records.dataset), want);
    let segment = read_segment(
        "{\"userId\":1,\"event\":\"Survey Response\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"properties\":{\"channel\":\"email\",\"survey\":\"nps\",\"score\":9,\"csat\":4,\"ces\":6}}",
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(three_answers(&segment.dataset), want);
    let csv = read_csv(
        "customer_id,timestamp,channel,kind,nps,csat,ces\n1,2026-03-01T09:00:00Z,email,survey_response,9,4,6\n",
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(three_answers(&csv.dataset), want);
    let (id, ts, ch, k) = (["1"], [0_i64], ["email"], ["survey_response"]);
    let (nps, csat, ces) = ([9.0], [4.0], [6.0]);
    let answers = [
        AnswerColumn {
            metric: SurveyMetric::Nps,
            scores: NumColumn::f64(&nps),
            name: "nps",
        },
        AnswerColumn {
            metric: SurveyMetric::Csat,
            scores: NumColumn::f64(&csat),
            name: "csat",
        },
        AnswerColumn {
            metric: SurveyMetric::Ces,
            scores: NumColumn::f64(&ces),
            name: "ces",
        },
    ];
    let mut cols = EventColumns::new(&id, TimeColumn::millis(&ts), &ch, &k);
    cols.answers = &answers;
    assert_eq!(
        three_answers(&read_columns(&cols, Mode::Strict).unwrap().dataset),
        want
    );
    // The dataset gives the answers back with the event.
    let event = records.dataset.event(0);
    assert_eq!(event.answers.len(), 3);
    assert_eq!(event.answers[&SurveyMetric::Ces], 6.0);
}

#[test]
fn the_engagement_survey_is_read_checked_and_kept() {
    let answers = json!({"satisfaction": 5, "will_buy_again": 4, "recommend": 10, "delivers_promise": 5, "fairSolution": 3});
    let read = read_records(
        vec![json!({"customer_id": "ana", "timestamp": T, "channel": "email", "kind": "survey_response", "answers": answers})],
        Mode::Strict,
    )
    .unwrap();
    let got: Vec<_> = read.dataset.customer(0).answers(0).collect();
    use SurveyMetric::*;
    assert_eq!(
        got,
        [
            (Nps, 10),
            (Csat, 5),
            (WillBuyAgain, 4),
            (DeliversPromise, 5),
            (FairSolution, 3)
        ]
    );
    // NPS and CSAT count as usual; the three agreement scales are not NPS, CSAT or CES.
    let r = cx_report(&read.dataset, &StageMap::default());
    assert_eq!(
        (
            r.overall.nps.responses,
            r.overall.csat.responses,
            r.overall.ces.responses
        ),
        (1, 1, 0)
    );
    assert_eq!(
        serde_json::to_value(read.dataset.event(0)).unwrap()["answers"],
        json!({"nps": 10.0, "csat": 5.0, "will_buy_again": 4.0, "delivers_promise": 5.0, "fair_solution": 3.0})
    );
}

#[test]
fn bad_answers_name_the_record_and_the_field() {
    let bad = |answers: Value, survey: Option<Value>| {
        let mut r = json!({"customer_id": "ana", "timestamp": T, "channel": "email", "kind": "survey_response", "answers": answers});
        if let Some(s) = survey {
            r["survey"] = s;
        }
        read_records(vec![r.clone(), r], Mode::Lenient)
            .unwrap()
            .rejected[1]
            .clone()
    };
    let e = bad(json!({"will_buy_again": 6}), None);
    assert_eq!(
        (e.code(), e.field()),
        ("OUT_OF_RANGE", Some("answers.will_buy_again"))
    );
    assert_eq!(e.record().unwrap().to_string(), "record 2");
    assert!(
        e.to_string().contains("from 1 to 5 for will_buy_again"),
        "{e}"
    );
    let e = bad(
        json!({"nps": 9}),
        Some(json!({"metric": "nps", "score": 8})),
    );
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_RECORD", Some("answers.nps"))
    );
    let e = bad(json!({"loyalty": 3}), None);
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("answers")));
    assert!(e.to_string().contains("not a survey metric"), "{e}");
    let e = bad(json!({"nps": 9, "NPS": 8}), None);
    assert!(e.to_string().contains("second answer"), "{e}");

    let csv = "customer_id,timestamp,channel,kind,survey,score,nps,fair_solution\na,2026-03-01,web,survey_response,,,9,0\nb,2026-03-01,web,survey_response,nps,9,9,\n";
    let read = read_csv(csv, Mode::Lenient).unwrap();
    let got: Vec<_> = read
        .rejected
        .iter()
        .map(|e| {
            (
                e.record().unwrap().to_string(),
                e.field().unwrap().to_string(),
                e.code(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "line 2".to_string(),
                "fair_solution".to_string(),
                "OUT_OF_RANGE"
            ),
            ("line 3".to_string(), "nps".to_string(), "INVALID_RECORD"),
        ]
    );
    let seg = "{\"userId\":\"a\",\"event\":\"Survey Response\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"properties\":{\"channel\":\"email\",\"ces\":8}}";
    let e = read_segment(seg, Mode::Strict).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("OUT_OF_RANGE", Some("properties.ces"))
    );
}

#[test]
fn csv_traits_columns_and_an_anonymous_only_file() {
    let csv = "customer_id,timestamp,channel,kind,traits.plan,traits.age,traits.address.city,coupon\nana,2026-03-02,web,click,pro,34,Rome,X\nana,2026-03-01,web,click,free,,,\n";
    let read = read_csv(csv, Mode::Strict).unwrap();
    assert_eq!(
        Value::Object(read.dataset.traits(0).clone()),
        json!({"plan": "pro", "age": 34, "address": {"city": "Rome"}})
    );
    assert_eq!(read.dataset.event(1).properties["coupon"], json!("X"));
    let anonymous = "anonymous_id,timestamp,channel,kind\nv1,2026-03-01,web,click\n";
    assert_eq!(
        ids(&read_csv(anonymous, Mode::Strict).unwrap().dataset),
        ["v1"]
    );
    let neither = "timestamp,channel,kind\n2026-03-01,web,click\n";
    assert_eq!(
        read_csv(neither, Mode::Strict).unwrap_err().field(),
        Some("customer_id")
    );
}
