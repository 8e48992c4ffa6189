//! Tests of the host columns.

use super::*;
use crate::ingest::Mode;

const T0: i64 = 1_772_357_400_000; // 2026-03-01T09:30:00Z

fn sample() -> HostColumns {
    let mut h = HostColumns::with_capacity(6);
    h.push_time_text("2026-03-01T09:30:00Z");
    h.push_time_number(T0 as f64 + 0.5);
    h.push_time_millis(T0);
    h.push_time_null();
    h.push_time_text("yesterday");
    h.push_time_invalid("expected a number or a string, got boolean");
    h
}

#[test]
fn conversion_errors_name_row_and_column_in_both_modes() {
    let mut h = sample();
    let ids = ["a", "b", "c", "d", "e", "f"];
    let channels = ["web"; 6];
    let kinds = ["click"; 6];
    h.reject(2, "value", "expected a number, got string \"12\"");
    let cols = EventColumns::new(&ids, h.timestamp(), &channels, &kinds);

    let err = h.read(&cols, Mode::Strict).unwrap_err();
    assert_eq!(
        (err.record(), err.field()),
        (Some(RecordRef::Record(2)), Some("timestamp"))
    );
    assert!(err.to_string().contains("not a whole number"), "{err}");

    let read = h.read(&cols, Mode::Lenient).unwrap();
    let got: Vec<_> = read
        .rejected
        .iter()
        .map(|e| (e.record().unwrap(), e.field().unwrap().to_string()))
        .collect();
    let want = [
        (2, "timestamp"),
        (3, "value"),
        (4, "timestamp"),
        (5, "timestamp"),
        (6, "timestamp"),
    ];
    assert_eq!(
        got,
        want.map(|(r, f)| (RecordRef::Record(r), f.to_string()))
            .to_vec()
    );
    assert!(read.rejected[2].to_string().contains("is null"));
    assert!(read.rejected[3]
        .to_string()
        .contains("cannot read `yesterday`"));
    assert!(read.rejected[4].to_string().contains("boolean"));
    assert_eq!(read.dataset.event_count(), 1);
    assert_eq!(read.dataset.customer_id(0), "a");
    assert_eq!(read.dataset.customer(0).ts.to_vec(), vec![T0]);
}

#[test]
fn the_first_error_of_a_row_wins_and_core_errors_pass_through() {
    let mut h = HostColumns::from_millis(vec![T0; 9]);
    h.reject(8, "kind", "expected a string, got number 3");
    h.reject(8, "value", "second problem, not reported");
    let ids = ["a"; 9];
    let channels = ["web"; 9];
    let mut kinds = ["click"; 9];
    kinds[3] = "";
    let cols = EventColumns::new(&ids, h.timestamp(), &channels, &kinds);
    let read = h.read(&cols, Mode::Lenient).unwrap();
    let got: Vec<_> = read
        .rejected
        .iter()
        .map(|e| (e.record().unwrap(), e.field().unwrap().to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            (RecordRef::Record(4), "kind".to_string()),
            (RecordRef::Record(9), "kind".to_string())
        ]
    );
    assert!(read.rejected[1].to_string().contains("number 3"));
    assert_eq!(read.dataset.event_count(), 7);
    let err = h.read(&cols, Mode::Strict).unwrap_err();
    assert!(err.to_string().contains("is empty"), "{err}");
}

#[test]
fn host_columns_are_named_as_the_host_names_them() {
    let strings = |cells: &[Option<&str>]| HostColumn {
        cells: cells
            .iter()
            .map(|c| c.map(str::to_string))
            .collect::<Vec<_>>(),
        bad: Vec::new(),
    };
    let mut ids = strings(&[Some("a"), None, Some("c")]);
    ids.bad.push((2, "expected a string, got a number".into()));
    let columns = HostEventColumns {
        customer_id: ids,
        channel: strings(&[Some("web"); 3]),
        kind: strings(&[Some("click"); 3]),
        value: None,
        survey: None,
        score: Some(HostColumn {
            cells: vec![0.0; 2],
            bad: Vec::new(),
        }),
        anonymous_id: None,
        text: None,
        answers: Vec::new(),
        traits: Vec::new(),
        names: ColumnNames::camel_case(),
    };
    let host = HostColumns::from_millis(vec![T0; 3]);
    assert_eq!(host.length_mismatch(&columns), Some(("score", 2, 3)));
    let columns = HostEventColumns {
        score: None,
        ..columns
    };
    assert_eq!(host.length_mismatch(&columns), None);
    let read = host.read_host(&columns, Mode::Lenient).unwrap();
    let got: Vec<_> = read
        .rejected
        .iter()
        .map(|e| e.field().unwrap().to_string())
        .collect();
    // A null id (the reader's check) and a mistyped one (the binding's) alike.
    assert_eq!(got, ["customerId", "customerId"]);
    let camel = ColumnNames::camel_case();
    assert_eq!(camel.all()[0], "customerId");
    assert!(camel
        .not_a_column("customer_id")
        .contains("did you mean `customerId`?"));
    assert!(ColumnNames::default()
        .not_a_column("customerId")
        .contains("`customer_id`?"));
    assert!(camel
        .not_a_column("scores")
        .contains("expected customerId, timestamp, "));
}

#[test]
fn numbers_must_be_whole_and_exact() {
    for bad in [f64::NAN, f64::INFINITY, 1.5, 1e300] {
        let mut h = HostColumns::default();
        h.push_time_number(bad);
        assert!(h.has_errors(), "{bad}");
    }
    let mut h = HostColumns::default();
    h.push_time_number(-86_400_000.0);
    assert!(!h.has_errors());
    assert!(h.timestamp().validity.is_none());
}
