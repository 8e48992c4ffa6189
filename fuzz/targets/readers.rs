//! What every reader must keep: strict and lenient mode agree, and a dataset that was read
//! gives a report without NaN.

use super::check::result_json;
use serde_json::{json, Value};
use touchpoint::{Ingested, Mode, Result, StageMap, TouchpointError};

/// An error as `[code, record, field]` (messages may differ between two paths).
pub fn error_key(e: &TouchpointError) -> Value {
    json!([e.code(), e.record().map(|r| r.to_string()), e.field()])
}

/// A read as JSON: the dataset's summary and the rejected records, or the error.
pub fn outcome(read: &Result<Ingested>) -> Value {
    match read {
        Ok(read) => json!({
            "summary": read.dataset.summary(),
            "rejected": read.rejected.iter().map(error_key).collect::<Vec<_>>(),
        }),
        Err(e) => json!({ "error": error_key(e) }),
    }
}

/// Reads with `read` in both modes and checks that they agree: strict succeeds only when
/// lenient rejects nothing, and then both give the same dataset; a record strict mode
/// stops at is among lenient mode's rejections. Every dataset read gets a CX report
/// without NaN. Returns the strict and the lenient reads.
pub fn both_modes(
    what: &str,
    read: impl Fn(Mode) -> Result<Ingested>,
) -> (Result<Ingested>, Result<Ingested>) {
    let strict = read(Mode::Strict);
    let lenient = read(Mode::Lenient);
    match (&strict, &lenient) {
        (Ok(s), Ok(l)) => {
            assert!(s.rejected.is_empty(), "{what}: strict mode has rejections");
            assert!(
                l.rejected.is_empty(),
                "{what}: strict mode read everything, lenient rejected {:?}",
                l.rejected
            );
            assert_eq!(outcome(&strict), outcome(&lenient), "{what}: modes differ");
        }
        (Ok(_), Err(e)) => panic!("{what}: strict mode read it, lenient failed: {e}"),
        (Err(e), Ok(l)) => {
            if e.record().is_some() {
                let key = error_key(e);
                assert!(
                    l.rejected.iter().any(|r| error_key(r) == key),
                    "{what}: strict mode's error {e} is not among lenient mode's rejections {:?}",
                    l.rejected
                );
            }
        }
        (Err(_), Err(_)) => {}
    }
    for read in [&strict, &lenient].into_iter().flatten() {
        assert_eq!(
            read.dataset.summary().events,
            read.dataset.event_count() as u64,
            "{what}: summary"
        );
        result_json(
            what,
            &touchpoint::cx_report(&read.dataset, &StageMap::default()),
        );
    }
    (strict, lenient)
}
