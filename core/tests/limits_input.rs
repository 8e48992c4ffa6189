//! Input at and past the limits of `touchpoint::limits`, through every reader: times from
//! 1900 to 9999 (never saturated), ids, values, nesting. Each refusal names its code,
//! record and field, the same in every reader.

use serde_json::{json, Value};
use touchpoint::ingest::{
    read_camel_records, read_columns, read_csv, read_records, read_segment, EventColumns,
    HostColumns, Mode, NumColumn, TimeColumn, TimeUnit, TimeValues, TraitColumn,
};
use touchpoint::{limits, DatasetBuilder, PackedAnswer, RecordRef, TouchpointError};

fn event(timestamp: Value) -> Value {
    json!({"customer_id": "c1", "timestamp": timestamp, "channel": "web", "kind": "click"})
}

/// `(code, record, field)` of an error.
fn named(e: &TouchpointError) -> (&'static str, String, String) {
    (
        e.code(),
        e.record().map(|r| r.to_string()).unwrap_or_default(),
        e.field().unwrap_or("").to_string(),
    )
}

fn want(code: &'static str, record: &str, field: &str) -> (&'static str, String, String) {
    (code, record.to_string(), field.to_string())
}

/// The single rejection of reading `records` leniently (after one good record).
fn one_rejection(bad: Value) -> TouchpointError {
    let read = read_records(vec![event(json!(0)), bad], Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 1);
    assert_eq!(read.rejected.len(), 1, "{:?}", read.rejected);
    read.rejected[0].clone()
}

fn deep(levels: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..levels {
        v = json!({ "x": v });
    }
    v
}

#[test]
fn record_times_outside_1900_to_9999_are_out_of_range() {
    for bad in [
        json!(1e300),
        json!(-1e300),
        json!(4_611_686_018_427_387_904_i64), // 2^62
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(limits::LATEST_MS + 1),
        json!(limits::EARLIEST_MS - 1),
        json!("1899-12-31T23:59:59Z"),
        json!("1899-12-31"),
        json!("9223372036854775807"),
    ] {
        let e = one_rejection(event(bad.clone()));
        assert_eq!(
            named(&e),
            want("OUT_OF_RANGE", "record 2", "timestamp"),
            "{bad}: {e}"
        );
        assert!(e.to_string().contains("1900-01-01"), "{e}");
        // Strict mode gives the same error.
        let strict = read_records(vec![event(bad.clone())], Mode::Strict).unwrap_err();
        assert_eq!(
            named(&strict),
            want("OUT_OF_RANGE", "record 1", "timestamp"),
            "{bad}"
        );
    }
    // The camelCase reader names it the same way.
    let read = read_camel_records(
        vec![json!({"customerId": "c", "timestamp": 1e300, "channel": "web", "kind": "click"})],
        Mode::Lenient,
    )
    .unwrap();
    assert_eq!(
        named(&read.rejected[0]),
        want("OUT_OF_RANGE", "record 1", "timestamp")
    );
    // Not whole milliseconds: a bad record, not a range.
    let e = one_rejection(event(json!(1.5)));
    assert_eq!(named(&e), want("INVALID_RECORD", "record 2", "timestamp"));
}

#[test]
fn the_first_and_last_accepted_times_are_read_and_printed_as_rfc3339() {
    let read = read_records(
        vec![
            event(json!(limits::EARLIEST_MS)),
            event(json!(limits::LATEST_MS as f64)),
            event(json!("9999-12-31T23:59:59.999Z")),
        ],
        Mode::Strict,
    )
    .unwrap();
    let c = read.dataset.customer(0);
    let printed: Vec<String> =
        c.ts.iter()
            .map(|&t| touchpoint::Timestamp(t).to_rfc3339())
            .collect();
    assert_eq!(
        printed,
        [
            "1900-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "9999-12-31T23:59:59.999Z"
        ]
    );
}

#[test]
fn text_times_offsets_leap_seconds_and_no_zone() {
    use touchpoint::Timestamp;
    let utc = |t: &str| Timestamp::parse(t).map(|t| t.to_rfc3339());
    assert_eq!(
        utc("2026-03-01T10:30:00+01:30").unwrap(),
        "2026-03-01T09:00:00Z"
    );
    assert_eq!(utc("2026-03-01 09:00:00").unwrap(), "2026-03-01T09:00:00Z");
    assert_eq!(utc("2016-12-31T23:59:60Z").unwrap(), "2017-01-01T00:00:00Z");
    assert_eq!(utc("1899-12-31T23:59:59Z"), None);
    // An offset can bring a time inside the range out of it.
    assert_eq!(utc("1900-01-01T00:30:00+01:00"), None);
    let e =
        Timestamp::parse_field("1900-01-01T00:30:00+01:00", RecordRef::Line(3), "ts").unwrap_err();
    assert_eq!(named(&e), want("OUT_OF_RANGE", "line 3", "ts"));
    let e = Timestamp::parse_field("soon", RecordRef::Line(3), "ts").unwrap_err();
    assert_eq!(named(&e), want("INVALID_RECORD", "line 3", "ts"));
}

#[test]
fn options_times_outside_the_range_are_invalid_config() {
    for bad in [json!(1e300), json!(i64::MAX), json!("1800-01-01")] {
        let e = touchpoint::options_from_value::<touchpoint::RfmOptions>(json!({"as_of": bad}))
            .unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            ("INVALID_CONFIG", Some("as_of")),
            "{e}"
        );
    }
}

#[test]
fn csv_and_segment_times_outside_the_range_are_out_of_range() {
    let csv = "customer_id,timestamp,channel,kind\nc,2026-03-01,web,click\nc,1899-01-01,web,click\nc,9223372036854775807,web,click\n";
    let read = read_csv(csv, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [
            want("OUT_OF_RANGE", "line 3", "timestamp"),
            want("OUT_OF_RANGE", "line 4", "timestamp")
        ]
    );
    let ndjson = [
        json!({"type": "track", "userId": "u", "event": "click", "timestamp": "2026-03-01T00:00:00Z", "properties": {"channel": "web"}}),
        json!({"type": "track", "userId": "u", "event": "click", "timestamp": "0001-01-01T00:00:00Z", "properties": {"channel": "web"}}),
        json!({"type": "identify", "userId": "u", "timestamp": i64::MAX, "traits": {"plan": "pro"}}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let read = read_segment(&ndjson, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [
            want("OUT_OF_RANGE", "line 2", "timestamp"),
            want("OUT_OF_RANGE", "line 3", "timestamp")
        ]
    );
}

#[test]
fn column_times_outside_the_range_are_out_of_range_never_wrapped() {
    let ids = ["a", "b", "c", "d"];
    let (ch, k) = (["web"; 4], ["click"; 4]);
    // Seconds: 1e15 s is past 9999; i64::MAX s overflows milliseconds.
    let secs = [
        1_700_000_000,
        1_000_000_000_000_000,
        i64::MAX,
        -2_208_988_801,
    ];
    let columns = EventColumns::new(
        &ids,
        TimeColumn {
            values: TimeValues::I64(&secs),
            unit: TimeUnit::Second,
            validity: None,
        },
        &ch,
        &k,
    );
    let read = read_columns(&columns, Mode::Lenient).unwrap();
    assert_eq!(read.dataset.event_count(), 1);
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [2, 3, 4].map(|r| want("OUT_OF_RANGE", &format!("record {r}"), "timestamp"))
    );
    let millis = [0, i64::MIN, i64::MAX, limits::LATEST_MS];
    let read = read_columns(
        &EventColumns::new(&ids, TimeColumn::millis(&millis), &ch, &k),
        Mode::Lenient,
    )
    .unwrap();
    assert_eq!(read.dataset.event_count(), 2);
    assert_eq!(read.rejected.len(), 2);
}

#[test]
fn host_column_numbers_are_never_saturated() {
    let mut host = HostColumns::with_capacity(4);
    for ms in [0.0, 1e300, f64::NAN, 2f64.powi(62)] {
        host.push_time_number(ms);
    }
    let ids = ["a", "b", "c", "d"];
    let (ch, k) = (["web"; 4], ["click"; 4]);
    let columns = EventColumns::new(&ids, host.timestamp(), &ch, &k);
    let read = host.read(&columns, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [
            want("OUT_OF_RANGE", "record 2", "timestamp"),
            want("INVALID_RECORD", "record 3", "timestamp"),
            want("OUT_OF_RANGE", "record 4", "timestamp"),
        ]
    );
}

#[test]
fn ids_are_checked_in_every_reader() {
    let long = "x".repeat(limits::MAX_ID_BYTES + 1);
    for bad in ["", "  ", "a\u{0}b", "tab\there", long.as_str()] {
        let mut r = event(json!(0));
        r["customer_id"] = json!(bad);
        let e = one_rejection(r);
        assert_eq!(
            named(&e),
            want("INVALID_RECORD", "record 2", "customer_id"),
            "{bad:?}"
        );
        let mut r = event(json!(0));
        r["anonymous_id"] = json!(bad);
        let e = one_rejection(r);
        assert_eq!(
            named(&e),
            want("INVALID_RECORD", "record 2", "anonymous_id"),
            "{bad:?}"
        );
    }
    let ok = "y".repeat(limits::MAX_ID_BYTES);
    let ids = ["a", ok.as_str(), "b\u{7f}", long.as_str(), "a"];
    let (ch, k) = (["web"; 5], ["click"; 5]);
    let read = read_columns(
        &EventColumns::new(&ids, TimeColumn::millis(&[0; 5]), &ch, &k),
        Mode::Lenient,
    )
    .unwrap();
    assert_eq!(read.dataset.event_count(), 3);
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [
            want("INVALID_RECORD", "record 3", "customer_id"),
            want("INVALID_RECORD", "record 4", "customer_id")
        ]
    );
    let csv = "customer_id,timestamp,channel,kind\n\"a\u{1b}[31m\",2026-03-01,web,click\n";
    let e = read_csv(csv, Mode::Strict).unwrap_err();
    assert_eq!(named(&e), want("INVALID_RECORD", "line 2", "customer_id"));
    let calls = [
        json!({"type": "identify", "userId": "u\n", "traits": {}}),
        json!({"type": "alias", "userId": "u", "previousId": long}),
        json!({"type": "group", "userId": "u", "groupId": " "}),
        json!({"type": "track", "userId": "u", "anonymousId": "\u{85}", "event": "click", "timestamp": "2026-03-01T00:00:00Z", "properties": {"channel": "web"}}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let read = read_segment(&calls, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [
            want("INVALID_RECORD", "line 1", "userId"),
            want("INVALID_RECORD", "line 2", "previousId"),
            want("INVALID_RECORD", "line 3", "groupId"),
            want("INVALID_RECORD", "line 4", "anonymousId"),
        ]
    );
}

#[test]
fn values_are_finite_at_most_1e15_and_minus_zero_is_zero() {
    for bad in [json!(1.0000001e15), json!(-1e308), json!(u64::MAX)] {
        let mut r = event(json!(0));
        r["value"] = bad.clone();
        let e = one_rejection(r);
        assert_eq!(
            named(&e),
            want("OUT_OF_RANGE", "record 2", "value"),
            "{bad}"
        );
    }
    let mut r = event(json!(0));
    r["value"] = json!(-0.0);
    let read = read_records(vec![r], Mode::Strict).unwrap();
    assert_eq!(read.dataset.customer(0).value[0].to_bits(), 0f64.to_bits());

    let ids = ["a", "b", "c", "d"];
    let (ch, k) = (["web"; 4], ["click"; 4]);
    let values = [-0.0, 1e15, f64::INFINITY, 2e15];
    let mut columns = EventColumns::new(&ids, TimeColumn::millis(&[0; 4]), &ch, &k);
    columns.value = Some(NumColumn::f64(&values));
    let read = read_columns(&columns, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(
        got,
        [3, 4].map(|r| want("OUT_OF_RANGE", &format!("record {r}"), "value"))
    );
    assert_eq!(read.dataset.customer(0).value[0].to_bits(), 0f64.to_bits());

    let call = json!({"type": "track", "userId": "u", "event": "purchase", "timestamp": "2026-03-01T00:00:00Z",
        "properties": {"channel": "web", "revenue": 1e308}});
    let e = read_segment(&call.to_string(), Mode::Strict).unwrap_err();
    assert_eq!(
        named(&e),
        want("OUT_OF_RANGE", "line 1", "properties.revenue")
    );
    let csv = "customer_id,timestamp,channel,kind,value\nc,2026-03-01,web,purchase,1e16\n";
    let e = read_csv(csv, Mode::Strict).unwrap_err();
    assert_eq!(named(&e), want("OUT_OF_RANGE", "line 2", "value"));
}

#[test]
fn properties_and_traits_nest_at_most_64_deep() {
    // The properties object counts one level: a value 63 deep is the 64th level.
    let mut r = event(json!(0));
    r["properties"] = json!({"p": deep(limits::MAX_DEPTH - 1)});
    assert!(read_records(vec![r.clone()], Mode::Strict).is_ok());
    r["properties"] = json!({"p": deep(limits::MAX_DEPTH)});
    let e = one_rejection(r);
    assert_eq!(named(&e), want("INVALID_RECORD", "record 2", "properties"));
    let mut r = event(json!(0));
    r["traits"] = json!({"t": deep(100)});
    let e = one_rejection(r);
    assert_eq!(named(&e), want("INVALID_RECORD", "record 2", "traits"));
    // Very wide is fine.
    let wide: serde_json::Map<String, Value> =
        (0..10_000).map(|i| (format!("k{i}"), json!(i))).collect();
    let mut r = event(json!(0));
    r["properties"] = Value::Object(wide);
    assert!(read_records(vec![r], Mode::Strict).is_ok());

    let identify = json!({"type": "identify", "userId": "u", "traits": {"t": deep(80)}});
    let e = read_segment(&identify.to_string(), Mode::Strict).unwrap_err();
    assert_eq!(named(&e), want("INVALID_RECORD", "line 1", "traits"));

    let ids = ["a", "b"];
    let (ch, k) = (["web"; 2], ["click"; 2]);
    let cells = vec![json!({"ok": 1}), deep(70)];
    let traits = [TraitColumn {
        name: "plan",
        column: "traits.plan",
        values: &cells,
    }];
    let mut columns = EventColumns::new(&ids, TimeColumn::millis(&[0; 2]), &ch, &k);
    columns.traits = &traits;
    let read = read_columns(&columns, Mode::Lenient).unwrap();
    let got: Vec<_> = read.rejected.iter().map(named).collect();
    assert_eq!(got, [want("INVALID_RECORD", "record 2", "traits.plan")]);
}

#[test]
fn push_row_refuses_times_and_values_outside_the_limits() {
    let mut b = DatasetBuilder::new();
    let c = b.intern_customer("c");
    let ch = b
        .intern_channel(&touchpoint::Channel::Web, RecordRef::Record(1))
        .unwrap();
    let k = b
        .intern_kind(&touchpoint::EventKind::Click, RecordRef::Record(1))
        .unwrap();
    let row = |b: &mut DatasetBuilder, ts: i64, v: Option<f64>| {
        b.push_row(c, ts, ch, k, v, PackedAnswer::NONE, Default::default())
    };
    assert!(row(&mut b, 0, Some(-0.0)).is_ok());
    let e = row(&mut b, i64::MAX, None).unwrap_err();
    assert_eq!(named(&e), want("OUT_OF_RANGE", "record 2", "timestamp"));
    let e = row(&mut b, 0, Some(f64::NAN)).unwrap_err();
    assert_eq!(named(&e), want("OUT_OF_RANGE", "record 2", "value"));
    assert_eq!(b.len(), 1);
    let d = b.finish();
    assert_eq!(d.customer(0).value[0].to_bits(), 0f64.to_bits());
}
