//! Target `csv`: the bytes as CSV, read from text and as a stream, in strict and lenient mode.

use super::readers::{both_modes, outcome};

/// Reads `data` as CSV; the text and the stream readers must agree.
pub fn run(data: &[u8]) {
    let (stream_strict, stream_lenient) =
        both_modes("csv (stream)", |mode| touchpoint::read_csv_from(data, mode));
    if let Ok(text) = std::str::from_utf8(data) {
        let (strict, lenient) = both_modes("csv (text)", |mode| touchpoint::read_csv(text, mode));
        assert_eq!(
            outcome(&strict),
            outcome(&stream_strict),
            "csv: text ≠ stream (strict)"
        );
        assert_eq!(
            outcome(&lenient),
            outcome(&stream_lenient),
            "csv: text ≠ stream (lenient)"
        );
    }
}
