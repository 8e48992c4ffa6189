//! The thread setting (`touchpoint::set_threads`) changes when work runs, not what it gives.
//! In a test binary of its own: the setting is for the whole process.

use touchpoint::{
    overview, Channel, Dataset, Event, EventKind, OverviewOptions, SurveyMetric, Timestamp, DAY_MS,
};

fn dataset(customers: u32) -> Dataset {
    let start = 1_767_225_600_000i64;
    let kinds = [
        "page_view",
        "add_to_cart",
        "purchase",
        "survey_response",
        "email_open",
    ];
    let channels = ["web", "app", "email", "store"];
    let mut events = Vec::new();
    for c in 0..customers {
        for i in 0..(1 + c % 9) {
            let k = kinds[((c * 7 + i * 3) % 5) as usize];
            let t = Timestamp(
                start + i64::from((c * 13 + i * 29) % 90) * DAY_MS + i64::from(i) * 60_000,
            );
            let ch = Channel::parse(channels[((c + i) % 4) as usize]).unwrap();
            let mut e = Event::new(format!("c{c}"), t, ch, EventKind::parse(k).unwrap());
            if k == "purchase" {
                e = e.with_value(f64::from(c % 97) * 0.37 + 1.0);
            }
            if k == "survey_response" {
                e = e.with_survey(SurveyMetric::Nps, f64::from((c + i) % 11));
            }
            events.push(e);
        }
    }
    Dataset::from_events(events).unwrap()
}

#[test]
fn one_thread_and_three_give_the_same_overview() {
    let data = dataset(20_000);
    let options: OverviewOptions = serde_json::from_value(serde_json::json!({
        "funnel": {"steps": ["page_view", "add_to_cart", "purchase"]},
        "rfm": {"per_customer": true}
    }))
    .unwrap();
    touchpoint::set_threads(1).unwrap();
    assert_eq!(touchpoint::threads(), 1);
    let one = serde_json::to_string(&overview(&data, &options).unwrap()).unwrap();
    touchpoint::set_threads(3).unwrap();
    assert_eq!(touchpoint::threads(), 3);
    let three = serde_json::to_string(&overview(&data, &options).unwrap()).unwrap();
    touchpoint::set_threads(0).unwrap();
    assert!(touchpoint::threads() >= 1);
    let every_core = serde_json::to_string(&overview(&data, &options).unwrap()).unwrap();
    assert!(one == three, "1 thread vs 3 threads");
    assert!(one == every_core, "1 thread vs every core");
    let e = touchpoint::set_threads(touchpoint::MAX_THREADS + 1).unwrap_err();
    assert_eq!((e.code(), e.field()), ("INVALID_CONFIG", Some("threads")));
}
