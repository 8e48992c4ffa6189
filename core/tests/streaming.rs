//! The streaming readers (`read_csv_from`, `read_segment_from`) against the text ones, on
//! readers that hand out their bytes a few at a time, and the Segment input shapes (array,
//! NDJSON, `{"batch": [...]}`).

use std::io::{self, BufReader, Read};
use touchpoint::{
    read_csv, read_csv_from, read_segment, read_segment_from, Ingested, Mode, RecordRef,
    TouchpointError,
};

/// A reader that returns at most `step` bytes per call, so every buffer boundary is crossed.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// A reader that fails after `ok` bytes.
struct Failing<'a> {
    bytes: &'a [u8],
    ok: usize,
}

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ok == 0 {
            return Err(io::Error::other("disk on fire"));
        }
        let n = self.ok.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        self.ok -= n;
        Ok(n)
    }
}

fn trickle(bytes: &[u8], step: usize) -> BufReader<Trickle<'_>> {
    // A BufReader smaller than most lines, over a reader handing out `step` bytes.
    BufReader::with_capacity(7, Trickle { bytes, step })
}

/// The summary and the rejections (code, record, field) of a read, to compare two reads.
fn outcome(read: touchpoint::Result<Ingested>) -> String {
    match read {
        Ok(r) => {
            let rejected: Vec<String> = r
                .rejected
                .iter()
                .map(|e| format!("{} {:?} {}", e.code(), e.record(), field(e)))
                .collect();
            let data = &r.dataset;
            let customers: Vec<_> = data
                .customers()
                .map(|c| (c.id, data.traits(c.index)))
                .collect();
            let events: Vec<_> = (0..data.event_count()).map(|i| data.event(i)).collect();
            format!("{customers:?} {events:?} rejected {rejected:?}")
        }
        Err(e) => format!("error {} {:?} {}", e.code(), e.record(), field(&e)),
    }
}

fn field(e: &TouchpointError) -> String {
    match e {
        TouchpointError::InvalidRecord { field, .. }
        | TouchpointError::OutOfRange { field, .. } => field.clone(),
        _ => String::new(),
    }
}

const TRACK_A: &str = r#"{"type":"track","userId":"a","event":"Order Completed","timestamp":"2026-01-01T00:00:00Z","properties":{"channel":"web","revenue":10}}"#;
const TRACK_B: &str = r#"{"type":"track","userId":"b","event":"Survey Response","timestamp":"2026-01-02T00:00:00Z","properties":{"channel":"email","survey":"nps","score":11}}"#;
const TRACK_C: &str = r#"{"type":"page","anonymousId":"c","timestamp":"2026-01-03T00:00:00Z","context":{"channel":"browser"}}"#;
const IDENTIFY: &str = r#"{"type":"identify","userId":"a","traits":{"plan":"pro"}}"#;

fn segment_inputs() -> Vec<String> {
    vec![
        format!("{IDENTIFY}\n{TRACK_A}\n\n{TRACK_B}\n{{bad json\n{TRACK_C}\n"),
        format!("\u{feff}\n\n  {IDENTIFY}\r\n{TRACK_A}\r\n{TRACK_C}"),
        format!("{{bad\n{TRACK_A}\n"),
        format!("[{IDENTIFY},\n {TRACK_A},\n {TRACK_B},\n {TRACK_C}]"),
        format!("\n\n  [{TRACK_A}, {TRACK_C}]\n  "),
        format!("[{TRACK_A}, {TRACK_C}"),
        format!("[{TRACK_A}] trailing"),
        format!("{{\n  \"batch\": [{TRACK_A},\n {TRACK_B}, {TRACK_C}]\n}}\n"),
        format!("{{\"batch\": [{TRACK_A}, {TRACK_B}]}}\n{TRACK_C}\n{{\"batch\": [{TRACK_C}, {TRACK_B}]}}"),
        format!("{{\n\"type\": \"track\"\n}}"),
        String::new(),
        "  \n\n".to_string(),
    ]
}

#[test]
fn segment_streams_read_as_the_text_does_in_every_shape() {
    for input in segment_inputs() {
        for mode in [Mode::Strict, Mode::Lenient] {
            let text = outcome(read_segment(&input, mode));
            for step in [1, 2, 3, 5, 64] {
                let stream = outcome(read_segment_from(trickle(input.as_bytes(), step), mode));
                assert_eq!(stream, text, "input {input:?}, {mode:?}, step {step}");
            }
            let slice = outcome(read_segment_from(input.as_bytes(), mode));
            assert_eq!(slice, text, "input {input:?} as a byte slice");
        }
    }
}

#[test]
fn csv_streams_read_as_the_text_does() {
    let inputs = [
        "customer_id,timestamp,channel,kind,value\nc1,2026-01-01,web,purchase,5\nc2,bad,web,click,\nc3,2026-01-02,email,email_open,\n",
        "\u{feff}customer_id,timestamp,channel,kind\r\nc1,2026-01-01,web,purchase\r\nc1,2026-01-02,web\r\n",
        "customer_id,timestamp\n",
    ];
    for input in inputs {
        for mode in [Mode::Strict, Mode::Lenient] {
            let text = outcome(read_csv(input, mode));
            for step in [1, 3, 64] {
                let stream = outcome(read_csv_from(
                    Trickle {
                        bytes: input.as_bytes(),
                        step,
                    },
                    mode,
                ));
                assert_eq!(stream, text, "input {input:?}, {mode:?}, step {step}");
            }
        }
    }
}

#[test]
fn a_segment_array_is_read_a_call_at_a_time_in_input_order() {
    let input = format!("[{TRACK_A}, {TRACK_B}, {TRACK_C}]");
    let read = read_segment_from(trickle(input.as_bytes(), 3), Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 2);
    assert_eq!(read.rejected.len(), 1);
    assert_eq!(read.rejected[0].record(), Some(RecordRef::Record(2)));
    assert_eq!(read.rejected[0].code(), "OUT_OF_RANGE");
    // Strict: the first bad call stops the read, before the broken end is even reached.
    let broken = format!("[{TRACK_A}, {TRACK_B}, {{oops");
    let err = read_segment_from(broken.as_bytes(), Mode::Strict).unwrap_err();
    assert_eq!(
        (err.code(), err.record()),
        ("OUT_OF_RANGE", Some(RecordRef::Record(2)))
    );
    // Lenient: the syntax error cannot be read past, and names its line.
    let err =
        read_segment_from(format!("[\n{TRACK_A},\n{{oops").as_bytes(), Mode::Lenient).unwrap_err();
    assert_eq!(
        (err.code(), err.record()),
        ("PARSE_ERROR", Some(RecordRef::Line(3)))
    );
}

#[test]
fn a_batch_document_merges_its_context_into_each_call() {
    // Neither call names a channel: the batch's context does, except where a call has its own.
    let input = r#"{
  "sentAt": "2026-01-05T00:00:00Z",
  "batch": [
    {"type": "track", "userId": "a", "event": "Email Opened", "timestamp": "2026-01-01T00:00:00Z"},
    {"type": "page", "userId": "b", "timestamp": "2026-01-01T00:00:00Z", "context": {"channel": "mobile"}},
    {"type": "track", "userId": "c", "event": "Email Opened"}
  ],
  "context": {"channel": "email", "library": {"name": "analytics-python"}}
}"#;
    let read = read_segment(input, Mode::Lenient).unwrap();
    let channels: Vec<String> = (0..read.dataset.event_count())
        .map(|i| read.dataset.event(i).channel.to_string())
        .collect();
    assert_eq!(channels, ["email", "app"]);
    assert_eq!(read.rejected.len(), 1);
    assert_eq!(read.rejected[0].record(), Some(RecordRef::Record(3)));
    assert_eq!(field(&read.rejected[0]), "timestamp");
}

#[test]
fn a_batch_on_an_ndjson_line_names_the_line_and_the_call() {
    let input = format!("{TRACK_A}\n{{\"batch\": [{TRACK_C}, {TRACK_B}]}}\n");
    let read = read_segment(&input, Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 2);
    let e = &read.rejected[0];
    assert_eq!(
        (e.code(), e.record()),
        ("OUT_OF_RANGE", Some(RecordRef::Line(2)))
    );
    assert_eq!(field(e), "batch[1].properties.score");
    let e = read_segment("{\"batch\": {}}", Mode::Strict).unwrap_err();
    assert_eq!(
        (e.record(), field(&e)),
        (Some(RecordRef::Line(1)), "batch".to_string())
    );
}

#[test]
fn invalid_utf8_is_a_parse_error_naming_its_line() {
    let csv = b"customer_id,timestamp,channel,kind\nc1,2026-01-01,web,purchase\nc\xff2,2026-01-01,web,purchase\nc3,2026-01-01,web,purchase\n".to_vec();
    let err = read_csv_from(&csv[..], Mode::Strict).unwrap_err();
    assert_eq!(
        (err.code(), err.record()),
        ("PARSE_ERROR", Some(RecordRef::Line(3)))
    );
    let read = read_csv_from(&csv[..], Mode::Lenient).unwrap();
    assert_eq!((read.dataset.event_count(), read.rejected.len()), (2, 1));

    let ndjson = format!("{TRACK_A}\n{{\"type\":\"track\",\"userId\":\"\u{0}\"}}\n{TRACK_C}\n");
    let mut bytes = ndjson.into_bytes();
    let at = bytes.iter().position(|&b| b == 0).unwrap();
    bytes[at] = 0xc3; // a lone lead byte: invalid UTF-8 inside a string
    let read = read_segment_from(&bytes[..], Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 2);
    assert_eq!(
        (read.rejected[0].code(), read.rejected[0].record()),
        ("PARSE_ERROR", Some(RecordRef::Line(2)))
    );
}

#[test]
fn a_failing_reader_ends_the_read_with_a_parse_error() {
    let input = format!("{TRACK_A}\n{TRACK_C}\n");
    let reader = BufReader::new(Failing {
        bytes: input.as_bytes(),
        ok: TRACK_A.len() + 1,
    });
    let err = read_segment_from(reader, Mode::Lenient).unwrap_err();
    assert_eq!(err.code(), "PARSE_ERROR");
    assert!(err.to_string().contains("disk on fire"), "{err}");
    let csv = "customer_id,timestamp,channel,kind\nc1,2026-01-01,web,purchase\n";
    let err = read_csv_from(
        Failing {
            bytes: csv.as_bytes(),
            ok: 40,
        },
        Mode::Lenient,
    )
    .unwrap_err();
    assert_eq!(err.code(), "PARSE_ERROR");
    assert!(err.to_string().contains("disk on fire"), "{err}");
}
