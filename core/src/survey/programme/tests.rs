use super::*;
use crate::{
    compare_survey_waves, read_survey_invitations, read_survey_responses, score_survey,
    survey_template, RecordRef, SkippedAnswers, Survey, SurveyLayout,
};
use serde_json::{json, Value};

fn rows(v: Value) -> Vec<Value> {
    v.as_array().unwrap().clone()
}

fn engagement_wave() -> Vec<Value> {
    rows(json!([
        {"customer_id": "c1", "timestamp": "2026-03-02T10:00:00Z", "channel": "email",
         "csat": 5, "will_buy_again": 5, "nps": 10, "delivers_promise": 5, "fair_solution": 5,
         "comment": "Great service, I love it"},
        {"customer_id": "c2", "timestamp": "2026-03-03T10:00:00Z", "channel": "email",
         "csat": 3, "will_buy_again": 4, "nps": 6, "delivers_promise": 3, "fair_solution": 1,
         "comment": "The refund was slow and the support was terrible"},
        {"customer_id": "c3", "timestamp": "2026-03-10T10:00:00Z", "channel": "in_app",
         "csat": "4", "will_buy_again": 2, "nps": 8, "delivers_promise": 4, "fair_solution": null,
         "comment": ""}
    ]))
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn the_engagement_template_scores_a_wave() {
    let survey = survey_template("engagement").unwrap();
    let o = SurveyOptions::default();
    let responses = read_survey_responses(&survey, &engagement_wave(), &o).unwrap();
    let r = score_survey(&survey, &responses, &[], &o).unwrap();
    assert_eq!((r.responses, r.customers), (3, 3));
    let e = r.engagement_index.as_ref().unwrap();
    // c1: every answer at the top = 100; c2: 50, 75, 60, 50, 0 → 47; c3 skipped one → out.
    close(e.index, 73.5);
    assert_eq!(
        (e.customers, e.complete_responses, e.incomplete_responses),
        (2, 2, 1)
    );
    let scores: Vec<(String, Option<f64>)> = e
        .by_question
        .iter()
        .map(|b| (b.question.clone(), b.score))
        .collect();
    close(scores[0].1, 75.0);
    close(scores[1].1, 200.0 / 3.0);
    close(scores[2].1, 80.0);
    close(scores[4].1, 50.0);
    assert_eq!(e.weakest_question.as_deref(), Some("fair_solution"));
    // Student's t with 1 degree of freedom: 12.706 × 37.477 / √2.
    close(e.std_dev, (2.0f64 * 26.5 * 26.5).sqrt());
    let nps = r.overall.questions[2].nps.as_ref().unwrap();
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (1, 1, 1));
    let csat = r.overall.questions[0].rating.as_ref().unwrap();
    assert_eq!((csat.top_box, csat.bottom_box), (2, 0));
    close(csat.top_box_share, 200.0 / 3.0);
    close(csat.mean, 4.0);
    let fair = &r.overall.questions[4];
    assert_eq!((fair.responses, fair.skipped), (2, 1));
    let comments = r.overall.questions[5].sentiment.as_ref().unwrap();
    assert_eq!((comments.positive, comments.negative), (1, 1));
    assert_eq!(r.overall.questions[5].skipped, 1);
    let channels: Vec<_> = r
        .by_channel
        .iter()
        .map(|g| (g.group.clone(), g.responses))
        .collect();
    assert_eq!(
        channels,
        [(Some("email".into()), 2), (Some("in_app".into()), 1)]
    );
    assert_eq!(r.by_channel[1].engagement_index, None);
    // Every group has fewer than 30 responses.
    assert!(r
        .warnings
        .iter()
        .all(|w| w.kind == report::SurveyWarningKind::FewResponses));
    assert_eq!(r.warnings.len(), 1 + 2 + 1 + 1 + 1);
}

#[test]
fn long_rows_give_the_wide_rows_report() {
    let survey = survey_template("engagement").unwrap();
    let mut long = Vec::new();
    for (i, row) in engagement_wave().iter().enumerate() {
        for (k, v) in row.as_object().unwrap() {
            if survey.question(k).is_some() {
                long.push(
                    json!({"response_id": format!("r{i}"), "customer_id": row["customer_id"],
                    "timestamp": row["timestamp"], "channel": row["channel"],
                    "question": k, "answer": v}),
                );
            }
        }
    }
    let wide = SurveyOptions::default();
    let o = SurveyOptions {
        layout: SurveyLayout::Long,
        ..Default::default()
    };
    let a = read_survey_responses(&survey, &engagement_wave(), &wide).unwrap();
    let b = read_survey_responses(&survey, &long, &o).unwrap();
    let (a, b) = (
        score_survey(&survey, &a, &[], &wide).unwrap(),
        score_survey(&survey, &b, &[], &o).unwrap(),
    );
    assert_eq!(a, b);
}

#[test]
fn bad_answers_and_unknown_questions_are_named() {
    let survey = survey_template("engagement").unwrap();
    let o = SurveyOptions::default();
    let bad = rows(json!([
        {"customer_id": "c1", "timestamp": 0, "nps": 10},
        {"customer_id": "c2", "timestamp": 0, "nps": 11}
    ]));
    let e = read_survey_responses(&survey, &bad, &o).unwrap_err();
    assert_eq!(e.code(), "OUT_OF_RANGE");
    assert_eq!(e.record(), Some(RecordRef::Record(2)));
    assert_eq!(e.field(), Some("nps"));
    let bad = rows(json!([{"customer_id": "c1", "timestamp": 0, "q9": 3}]));
    let e = read_survey_responses(&survey, &bad, &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("q9")));
    let ignoring = SurveyOptions {
        ignore_columns: vec!["q9".into()],
        ..Default::default()
    };
    assert!(read_survey_responses(&survey, &bad, &ignoring).is_ok());
    let long = SurveyOptions {
        layout: SurveyLayout::Long,
        ..Default::default()
    };
    let bad = rows(json!([{"customer_id": "c1", "timestamp": 0, "question": "q9", "answer": 1}]));
    let e = read_survey_responses(&survey, &bad, &long).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_RECORD", Some("question")));
    let twice = rows(json!([
        {"response_id": 1, "customer_id": "c1", "timestamp": 0, "question": "nps", "answer": 1},
        {"response_id": 1, "customer_id": "c1", "timestamp": 0, "question": "nps", "answer": 2}
    ]));
    let e = read_survey_responses(&survey, &twice, &long).unwrap_err();
    assert_eq!(e.record(), Some(RecordRef::Record(2)));
    let big = "x".repeat(crate::limits::MAX_TEXT_BYTES + 1);
    let bad = rows(json!([{"customer_id": "c1", "timestamp": 0, "comment": big}]));
    let e = read_survey_responses(&survey, &bad, &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("OUT_OF_RANGE", Some("comment")));
    let no_customer = rows(json!([{"timestamp": 0, "nps": 3}]));
    let e = read_survey_responses(&survey, &no_customer, &o).unwrap_err();
    assert_eq!(e.field(), Some("customer_id"));
    let reject = SurveyOptions {
        skipped: SkippedAnswers::Reject,
        ..Default::default()
    };
    let e = read_survey_responses(&survey, &engagement_wave(), &reject).unwrap_err();
    assert_eq!(
        (e.record(), e.field()),
        (Some(RecordRef::Record(3)), Some("fair_solution"))
    );
}

fn custom() -> Survey {
    serde_json::from_value(json!({
        "id": "onboarding",
        "questions": [
            {"id": "effort", "type": "ces", "points": 5, "reverse": true},
            {"id": "ten", "type": "rating", "min": 1, "max": 10},
            {"id": "found", "type": "yes_no"},
            {"id": "plan", "type": "single_choice", "choices": ["free", "pro"]},
            {"id": "used", "type": "multiple_choice", "choices": ["web", "ios", "android"]}
        ],
        "engagement_index": ["effort", "found"]
    }))
    .unwrap()
}

#[test]
fn reversed_scales_boxes_yes_no_and_choices() {
    let s = custom();
    let ten = s.question("ten").unwrap();
    assert_eq!(
        (ten.top_box.clone(), ten.bottom_box.clone()),
        (vec![8, 9, 10], vec![1, 2, 3])
    );
    let effort = s.question("effort").unwrap();
    assert_eq!(effort.top_box, vec![4, 5]);
    let o = SurveyOptions::default();
    let data = rows(json!([
        {"customer_id": 1, "timestamp": 0, "effort": 1, "ten": 10, "found": "yes",
         "plan": "pro", "used": "web, ios"},
        {"customer_id": 2, "timestamp": 0, "effort": 5, "ten": 1, "found": false,
         "plan": "free", "used": ["android", "web"]},
        {"customer_id": 2, "timestamp": 1000, "effort": 2, "found": 1, "used": ""}
    ]));
    let responses = read_survey_responses(&s, &data, &o).unwrap();
    let r = score_survey(&s, &responses, &[], &o).unwrap();
    let q = &r.overall.questions;
    // Reversed: 1 → 5, 5 → 1, 2 → 4.
    let effort = q[0].rating.as_ref().unwrap();
    assert_eq!(effort.counts, vec![1, 0, 0, 1, 1]);
    assert_eq!((effort.top_box, effort.bottom_box), (2, 1));
    let yes = q[2].yes_no.as_ref().unwrap();
    assert_eq!((yes.yes, yes.no), (2, 1));
    let used = q[4].choices.as_ref().unwrap();
    assert_eq!(used.iter().map(|c| c.count).collect::<Vec<_>>(), [2, 1, 1]);
    close(used[0].share, 100.0);
    assert_eq!(q[4].skipped, 1);
    // Index: customer 1 (100 + 100) / 2 = 100; customer 2: ((0 + 0) / 2 + (75 + 100) / 2) / 2.
    let e = r.engagement_index.unwrap();
    close(e.per_customer[1].index.into(), 43.75);
    close(e.index, (100.0 + 43.75) / 2.0);
    let bad = rows(json!([{"customer_id": 1, "timestamp": 0, "plan": "team"}]));
    let e = read_survey_responses(&s, &bad, &o).unwrap_err();
    assert_eq!((e.code(), e.field()), ("OUT_OF_RANGE", Some("plan")));
}

#[test]
fn bad_surveys_are_refused() {
    let bad = [
        json!({"id": "s", "questions": []}),
        json!({"id": "s", "questions": [{"id": "a", "type": "nps", "points": 5}]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "csat", "top_box": [6]}]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "single_choice"}]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "text"}, {"id": "a", "type": "nps"}]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "text"}], "engagement_index": ["a"]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "nps"}], "engagement_index": ["b"]}),
        json!({"id": "s", "questions": [{"id": "a", "type": "nps", "wording": "x"}]}),
        json!("no_such_template"),
    ];
    for b in bad {
        assert!(serde_json::from_value::<Survey>(b.clone()).is_err(), "{b}");
    }
    let t: Survey = serde_json::from_value(json!("nps")).unwrap();
    assert_eq!(t, survey_template("nps").unwrap());
    // A survey's serde form reads back as itself.
    let s = custom();
    let back: Survey = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn invitations_give_response_rates() {
    let survey = survey_template("nps").unwrap();
    let o = SurveyOptions {
        min_response_rate: 0.6,
        ..Default::default()
    };
    let invitations = read_survey_invitations(
        &rows(json!([
            {"customer_id": "a", "timestamp": 0, "channel": "email", "kind": "survey_sent"},
            {"customer_id": "b", "timestamp": 0, "channel": "email"},
            {"customer_id": "c", "timestamp": 0, "channel": "sms"},
            {"customer_id": "a", "timestamp": 86_400_000, "channel": "email"}
        ])),
        &o,
    )
    .unwrap();
    let responses = read_survey_responses(
        &survey,
        &rows(json!([
            // a answers the second invitation an hour later; b answers after 40 days (too
            // late: no invitation); c answers in two hours.
            {"customer_id": "a", "timestamp": 90_000_000, "channel": "email", "nps": 9},
            {"customer_id": "b", "timestamp": 3_456_000_000i64, "channel": "email", "nps": 3},
            {"customer_id": "c", "timestamp": 7_200_000, "channel": "sms", "nps": 10}
        ])),
        &o,
    )
    .unwrap();
    let r = score_survey(&survey, &responses, &invitations, &o).unwrap();
    let rate = r.overall.response_rate.as_ref().unwrap();
    assert_eq!((rate.invitations, rate.responded), (4, 2));
    close(rate.rate, 50.0);
    close(rate.median_seconds_to_respond, 3600.0 * 1.5);
    assert_eq!(r.responses_without_invitation, Some(1));
    let email = r.by_channel[0].response_rate.as_ref().unwrap();
    assert_eq!((email.invitations, email.responded), (3, 1));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.kind == report::SurveyWarningKind::LowResponseRate
            && w.group.as_deref() == Some("email")));
    let e = read_survey_invitations(
        &rows(json!([{"customer_id": "a", "timestamp": 0, "kind": "x"}])),
        &o,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("kind"));
}

#[test]
fn two_nps_waves_compare_as_nps_difference_does() {
    let survey = survey_template("nps").unwrap();
    let o = SurveyOptions::default();
    let wave = |scores: &[u8], day: i64| {
        let data: Vec<Value> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| json!({"customer_id": i, "timestamp": day * 86_400_000, "nps": s}))
            .collect();
        let r = read_survey_responses(&survey, &data, &o).unwrap();
        score_survey(&survey, &r, &[], &o).unwrap()
    };
    let first: Vec<u8> = (0..200).map(|i| [10, 9, 8, 7, 3][i % 5]).collect();
    let second: Vec<u8> = (0..180).map(|i| [10, 9, 9, 7, 6, 2][i % 6]).collect();
    let (a, b) = (wave(&first, 0), wave(&second, 30));
    let c = compare_survey_waves(&a, &b, 0.05).unwrap();
    let n = &c.changes[0];
    let d = crate::nps_difference(
        &crate::NpsCounts {
            promoters: 80,
            passives: 80,
            detractors: 40,
        },
        &crate::NpsCounts {
            promoters: 90,
            passives: 30,
            detractors: 60,
        },
        0.05,
    )
    .unwrap();
    assert_eq!(
        (n.difference, n.p_value, n.lower),
        (Some(d.difference), Some(d.p_value), Some(d.lower))
    );
    close(n.earlier, 20.0);
    close(n.later, 100.0 * 30.0 / 180.0);
    assert!(compare_survey_waves(&a, &b, 1.0).is_err());
}

#[test]
fn rating_waves_use_welch_and_two_proportions() {
    let survey = survey_template("csat").unwrap();
    let o = SurveyOptions::default();
    let wave = |scores: &[u8]| {
        let data: Vec<Value> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| json!({"customer_id": i, "timestamp": 0, "csat": s}))
            .collect();
        score_survey(
            &survey,
            &read_survey_responses(&survey, &data, &o).unwrap(),
            &[],
            &o,
        )
        .unwrap()
    };
    // Means 3 and 4, variances 2.5 and 1.5 (n = 5 each); top boxes 2/5 and 4/5.
    let c = compare_survey_waves(&wave(&[1, 2, 3, 4, 5]), &wave(&[2, 4, 4, 5, 5]), 0.05).unwrap();
    let mean = &c.changes[0];
    close(mean.difference, 1.0);
    // Welch: se = √(2.5/5 + 1.5/5) = √0.8; t = 1.118, df = 0.8² / ((0.5² + 0.3²) / 4) = 7.53.
    let p = mean.p_value.unwrap();
    assert!((p - 0.2978).abs() < 5e-4, "{p}");
    let top = &c.changes[1];
    close(top.difference, 40.0);
    // Unpooled z: se = √(.24/5 + .16/5) = 0.2828; z = 1.4142 → p = 0.1573.
    assert!((top.p_value.unwrap() - 0.1573).abs() < 5e-4);
}

#[test]
fn tallies_split_anywhere_give_one_report() {
    let survey = survey_template("engagement").unwrap();
    let o = SurveyOptions {
        period: Some(crate::Period::Week),
        ..Default::default()
    };
    let responses = read_survey_responses(&survey, &engagement_wave(), &o).unwrap();
    let whole = score_survey(&survey, &responses, &[], &o).unwrap();
    let split =
        crate::parallel::with_leaf(1, || score_survey(&survey, &responses, &[], &o).unwrap());
    assert_eq!(whole, split);
    let weeks: Vec<_> = whole
        .by_period
        .iter()
        .map(|g| g.group.clone().unwrap())
        .collect();
    assert_eq!(weeks, ["2026-03-02", "2026-03-09"]);
}
