//! Target `predicate`: the segment rule language. What parses prints back to the same
//! predicate, and evaluates (as a rule of `rule_segments`) over a small dataset.

use super::check::result_json;
use super::options::fixed_dataset;
use touchpoint::{Predicate, RuleSegmentOptions, SegmentRule};

/// Parses the bytes as a rule and, if it parses, evaluates it.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = match Predicate::parse(text) {
        Ok(p) => p,
        Err(e) => {
            assert_eq!(
                e.code(),
                "INVALID_CONFIG",
                "a rule refused with another code: {e}"
            );
            return;
        }
    };
    let printed = parsed.to_string();
    match Predicate::parse(&printed) {
        Ok(again) => assert_eq!(
            again, parsed,
            "`{text}` prints as `{printed}`, which reads differently"
        ),
        Err(e) => panic!("`{text}` prints as `{printed}`, which does not parse: {e}"),
    }
    let data = fixed_dataset();
    let options = RuleSegmentOptions {
        rules: vec![
            SegmentRule::new("fuzz", text),
            SegmentRule::from_predicate("printed", &parsed),
        ],
        include_members: true,
        ..RuleSegmentOptions::default()
    };
    match touchpoint::rule_segments(data, &options) {
        Ok(report) => {
            let json = result_json("rule_segments", &report);
            let segments = json["segments"].as_array().cloned().unwrap_or_default();
            let counts: Vec<_> = segments.iter().map(|s| s["members"].clone()).collect();
            assert!(
                counts.windows(2).all(|w| w[0] == w[1]),
                "`{text}` and its printed form match different customers: {counts:?}"
            );
        }
        Err(e) => assert_eq!(e.code(), "INVALID_CONFIG", "rule_segments: {e}"),
    }
}
