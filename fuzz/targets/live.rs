//! Target `live`: the live engine on arbitrary streams. Events are built from the bytes
//! (customers, times spread over centuries and in any order, kinds, channels, values, NPS
//! answers, traits, a property, ids that repeat), with advances of the clock between them,
//! under options with rule segments and computed traits (windowed and not). Every push gives
//! signals or a typed error; every signal's customer is known and its time is at most the
//! clock; every state's score is within [0, 100]. A snapshot taken at the end restores an
//! engine with the same states, which goes on to the same signals. The rest of the bytes,
//! given to `restore` as a snapshot (behind a valid header, or as they are), give an engine
//! or a typed error, never a panic.

use super::bytes::Bytes;
use serde_json::json;
use touchpoint::{Channel, Event, EventKind, LiveEngine, LiveOptions, SurveyMetric, Timestamp};

fn options() -> LiveOptions {
    serde_json::from_value(json!({
        "segments": [
            {"name": "buyers", "rule": "purchases >= 2"},
            {"name": "recent", "rule": "last_seen_days_ago <= 3"},
            {"name": "browsing", "rule": "views >= 2 or fav == \"x\""}
        ],
        "computed_traits": [
            {"name": "views", "aggregate": "count", "kinds": ["page_view"], "window_seconds": 86400},
            {"name": "fav", "aggregate": "most_frequent", "of": "p"},
            {"name": "spend", "aggregate": "sum", "of": "value"},
            {"name": "seen", "aggregate": "unique", "of": "channel"}
        ],
        "lifecycle": {"period": "day"},
        "engagement_score": {"scale": 3, "half_life_seconds": 3600},
        "at_risk_days": 1,
        "reorder_seconds": 60
    }))
    .expect("the fuzz options read")
}

fn event(b: &mut Bytes<'_>, base: i64) -> (Event, Option<String>) {
    const KINDS: [EventKind; 6] = [
        EventKind::PageView,
        EventKind::Purchase,
        EventKind::Review,
        EventKind::SurveyResponse,
        EventKind::Impression,
        EventKind::Refund,
    ];
    // Mostly near the base time, sometimes anywhere from 1900 to 9999.
    let ts = if b.below(8) == 0 {
        -2_208_988_800_000 + (b.i64().rem_euclid(253_402_300_799_999 + 2_208_988_800_000))
    } else {
        base + i64::from(b.byte()) * 600_000 - 30 * 600_000
    };
    let ts = ts.clamp(-2_208_988_800_000, 253_402_300_799_999);
    let mut e = Event::new(
        format!("c{}", b.below(4)),
        Timestamp(ts),
        [Channel::Web, Channel::Email, Channel::App][b.below(3)].clone(),
        KINDS[b.below(KINDS.len())].clone(),
    );
    if b.bool() {
        e = e.with_value(f64::from(b.byte()) - 100.0);
    }
    if b.below(4) == 0 {
        e = e.with_survey(SurveyMetric::Nps, f64::from(b.below(13) as u8));
    }
    if b.below(4) == 0 {
        e = e.with_property("p", ["x", "y"][b.below(2)]);
    }
    if b.below(6) == 0 {
        e = e.with_trait("plan", ["free", "pro"][b.below(2)]);
    }
    let id = (b.below(3) > 0).then(|| format!("m{}", b.below(40)));
    (e, id)
}

pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mut engine = LiveEngine::new(options()).expect("the fuzz options are valid");
    let base = 1_772_323_200_000i64;
    let steps = b.below(60);
    for _ in 0..steps {
        let before = engine.now();
        let signals = if b.below(5) == 0 {
            let t = Timestamp(base + i64::from(b.byte()) * 3_600_000);
            engine.advance(t)
        } else {
            let (e, id) = event(&mut b, base);
            match engine.push(e, id.as_deref()) {
                Ok(s) => s,
                Err(e) => {
                    // A refused event changes nothing.
                    assert!(!e.code().is_empty());
                    assert_eq!(engine.now(), before);
                    continue;
                }
            }
        };
        let now = engine.now().expect("a clock after a push or an advance");
        for s in &signals {
            assert!(s.at <= now, "a signal after the clock: {s:?}");
            assert!(engine.customer(&s.customer_id).is_some(), "{s:?}");
        }
    }
    for s in engine.customers() {
        assert!((0.0..=100.0).contains(&s.engagement_score), "{s:?}");
    }
    let bytes = engine.snapshot();
    let mut back = LiveEngine::restore(&bytes).expect("a snapshot restores");
    assert_eq!(
        back.customers().collect::<Vec<_>>(),
        engine.customers().collect::<Vec<_>>()
    );
    let later = Timestamp(base + 400 * 86_400_000);
    assert_eq!(back.advance(later), engine.advance(later));
    // Arbitrary bytes as a snapshot: an engine or a typed error.
    let rest = b.rest();
    let _ = LiveEngine::restore(rest);
    let mut framed = touchpoint::LIVE_SNAPSHOT_MAGIC.to_vec();
    framed.extend_from_slice(&touchpoint::LIVE_SNAPSHOT_VERSION.to_le_bytes());
    framed.extend_from_slice(rest);
    if let Ok(e) = LiveEngine::restore(&framed) {
        let _ = e.customers().count();
    }
    // The snapshot cut short or with one byte changed.
    if !bytes.is_empty() {
        let cut = (rest.first().copied().unwrap_or(0) as usize * 7919) % bytes.len();
        let _ = LiveEngine::restore(&bytes[..cut]);
        let mut flipped = bytes.clone();
        flipped[cut] ^= rest.get(1).copied().unwrap_or(1) | 1;
        if let Ok(mut e) = LiveEngine::restore(&flipped) {
            let _ = e.customers().count();
            let _ = e.advance(later);
        }
    }
}
