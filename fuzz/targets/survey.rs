//! Target `survey`: survey programmes on arbitrary rows. Rows are built from the bytes (wide
//! or long; answers of every JSON type, in and out of range; ids missing or blank; times as
//! numbers or text), for a template or a custom survey with reversed scales and choices. Every
//! call gives a typed error or a report whose numbers are finite, shares within [0, 100],
//! each question's answered and skipped adding up to the responses, the groups of a breakdown
//! adding up to them too, and every index within [0, 100]; two waves always compare, their
//! p-values within [0, 1]. The responses' text answers, as comments, give a voice-of-the-
//! customer report whose counts add up and whose negative terms are ranked, each with a
//! positive weighted log odds.

use super::bytes::Bytes;
use super::check::result_json;
use serde_json::{json, Value};
use touchpoint::{
    compare_survey_waves, read_survey_invitations, read_survey_responses, score_survey,
    survey_template, Survey, SurveyLayout, SurveyOptions,
};

fn custom() -> Survey {
    serde_json::from_value(json!({
        "id": "fuzz",
        "questions": [
            {"id": "effort", "type": "ces", "points": 5, "reverse": true},
            {"id": "ten", "type": "rating", "min": 1, "max": 10, "top_box": [9, 10]},
            {"id": "found", "type": "yes_no"},
            {"id": "plan", "type": "single_choice", "choices": ["free", "pro"]},
            {"id": "used", "type": "multiple_choice", "choices": ["web", "ios"]},
            {"id": "comment", "type": "text"}
        ],
        "engagement_index": ["effort", "ten", "found"]
    }))
    .expect("the fuzz survey reads")
}

fn answer(b: &mut Bytes<'_>) -> Value {
    match b.below(12) {
        0 => Value::Null,
        1 => json!(""),
        2 => json!(f64::from(b.byte()) / 8.0),
        3 => json!(b.bool()),
        4 => json!(["web", "ios", "free"][b.below(3)]),
        5 => json!("web,ios"),
        6 => json!(
            [
                "yes",
                "no",
                "7",
                "great service, I love it",
                "terrible, not good"
            ][b.below(5)]
        ),
        7 => json!([json!("web"), json!(1)]),
        _ => json!(i64::from(b.byte() % 14) - 2),
    }
}

fn row(b: &mut Bytes<'_>, survey: &Survey) -> serde_json::Map<String, Value> {
    let mut r = serde_json::Map::new();
    match b.below(10) {
        0 => {}
        1 => {
            r.insert("customer_id".into(), json!(" "));
        }
        _ => {
            r.insert("customer_id".into(), json!(format!("c{}", b.below(6))));
        }
    }
    let t = match b.below(10) {
        0 => json!("yesterday"),
        1 => json!(-1e18),
        _ => json!(i64::from(b.byte()) * 86_400_000 / 4),
    };
    r.insert("timestamp".into(), t);
    if b.bool() {
        r.insert("channel".into(), json!(["email", "sms", ""][b.below(3)]));
    }
    if b.below(4) == 0 {
        r.insert("stage".into(), json!(["own", "buy", "nowhere"][b.below(3)]));
    }
    for q in &survey.questions {
        if b.below(4) > 0 {
            r.insert(q.id.clone(), answer(b));
        }
    }
    if b.below(16) == 0 {
        r.insert("extra".into(), json!(1));
    }
    r
}

fn check(report: &touchpoint::SurveyReport) {
    let json = result_json("score_survey", report);
    let n = report.responses;
    for q in &report.overall.questions {
        assert_eq!(
            q.responses + q.skipped,
            n,
            "{}: answered + skipped",
            q.question
        );
    }
    for groups in [
        &report.by_channel,
        &report.by_touchpoint,
        &report.by_stage,
        &report.by_segment,
    ] {
        assert_eq!(groups.iter().map(|g| g.responses).sum::<u64>(), n);
    }
    if let Some(e) = &report.engagement_index {
        for x in e
            .index
            .iter()
            .chain(e.per_customer.iter().map(|c| &c.index))
        {
            assert!((0.0..=100.0).contains(x), "index {x}");
        }
    }
    drop(json);
}

pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let survey = match b.below(3) {
        0 => survey_template("engagement").expect("template"),
        1 => survey_template("nps").expect("template"),
        _ => custom(),
    };
    let options = SurveyOptions {
        layout: if b.bool() {
            SurveyLayout::Long
        } else {
            SurveyLayout::Wide
        },
        index_min_answers: (b.below(3) == 0).then(|| 1 + b.below(3)),
        min_responses: u64::from(b.byte() % 40),
        ..Default::default()
    };
    let wide: Vec<serde_json::Map<String, Value>> =
        (0..b.below(16)).map(|_| row(&mut b, &survey)).collect();
    let rows: Vec<Value> = match options.layout {
        SurveyLayout::Wide => wide.into_iter().map(Value::Object).collect(),
        SurveyLayout::Long => wide
            .into_iter()
            .enumerate()
            .flat_map(|(i, r)| {
                let base: serde_json::Map<String, Value> = r
                    .iter()
                    .filter(|(k, _)| survey.question(k).is_none())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                r.into_iter()
                    .filter(|(k, _)| survey.question(k).is_some())
                    .map(move |(k, v)| {
                        let mut row = base.clone();
                        row.insert("response_id".into(), json!(i));
                        row.insert("question".into(), json!(k));
                        row.insert("answer".into(), v);
                        Value::Object(row)
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    let invitations: Vec<Value> = (0..b.below(6))
        .map(|_| json!({"customer_id": format!("c{}", b.below(6)), "timestamp": i64::from(b.byte()) * 3_600_000}))
        .collect();
    let Ok(responses) = read_survey_responses(&survey, &rows, &options) else {
        return;
    };
    let invitations = read_survey_invitations(&invitations, &options).expect("valid invitations");
    let report =
        score_survey(&survey, &responses, &invitations, &options).expect("read responses score");
    check(&report);
    let comments: Vec<touchpoint::Comment> = responses
        .iter()
        .flat_map(|r| {
            r.answers.values().filter_map(|a| match a {
                touchpoint::Answer::Text(t) => Some(touchpoint::Comment {
                    contact: r.contact.clone(),
                    text: t.clone(),
                }),
                _ => None,
            })
        })
        .collect();
    let voice_options = touchpoint::VoiceOptions {
        min_comments: 1,
        detect_language: b.bool(),
        ..Default::default()
    };
    let voice = touchpoint::voice_of_customer(&comments, &voice_options).expect("comments report");
    result_json("voice_of_customer", &voice);
    let o = &voice.overall;
    assert_eq!(o.comments, comments.len() as u64);
    assert_eq!(
        o.blank + o.positive + o.neutral + o.negative + o.unscored,
        o.comments
    );
    for w in o.negative_terms.windows(2) {
        assert!(w[0].log_odds_weighted >= w[1].log_odds_weighted);
    }
    assert!(o
        .negative_terms
        .iter()
        .all(|t| t.log_odds_weighted > 0.0 && t.negative_comments >= 1));
    let half = responses.len() / 2;
    let earlier = score_survey(&survey, &responses[..half], &[], &options).expect("a half scores");
    let later = score_survey(&survey, &responses[half..], &[], &options).expect("a half scores");
    let waves = compare_survey_waves(&earlier, &later, 0.05).expect("two waves compare");
    result_json("compare_survey_waves", &waves);
    for c in &waves.changes {
        if let Some(p) = c.p_value {
            assert!((0.0..=1.0).contains(&p), "p {p}");
        }
    }
}
