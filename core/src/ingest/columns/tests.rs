//! Tests of the columnar reader.

use super::*;
use crate::ingest::{read_records, Mode};
use crate::{cx_report, StageMap, SurveyMetric};
use crate::{RecordRef, DAY_MS};
use serde_json::json;
use serde_json::Value;

/// A dictionary-encoded column for the tests: keys (None = null) into `entries`.
struct Dict<'a> {
    keys: Vec<Option<usize>>,
    entries: &'a [&'a str],
}

impl StrColumn for Dict<'_> {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.keys[row].map(|k| self.entries[k])
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.entries.len())
    }
    fn key(&self, row: usize) -> Option<usize> {
        self.keys[row]
    }
    fn entry(&self, key: usize) -> Option<&str> {
        Some(self.entries[key])
    }
}

const T0: i64 = 1_772_357_400_000; // 2026-03-01T09:30:00Z

#[test]
fn columns_read_like_records() {
    let customers = ["ana", "bo", "ana", "cy", "bo"];
    let ts = [T0 + 5_000, T0, T0, T0 + 1, T0 + 2];
    let channels = Dict {
        keys: vec![Some(0), Some(1), Some(0), Some(2), Some(1)],
        entries: &["Web", "email", "store"],
    };
    let kinds: [&str; 5] = [
        "page_view",
        "survey_response",
        "Order Completed",
        "page_view",
        "purchase",
    ];
    let value = [f64::NAN, 0.0, 40.0, 0.0, 12.5];
    let value_valid = [0b1_0100u8];
    let survey: [Option<&str>; 5] = [None, Some("nps"), None, None, None];
    let score = [0.0, 9.0, 0.0, 0.0, 0.0];

    let mut cols = EventColumns::new(&customers, TimeColumn::millis(&ts), &channels, &kinds);
    cols.value = Some(NumColumn {
        values: NumValues::F64(&value),
        validity: Some(Validity::new(&value_valid, 0)),
    });
    cols.survey = Some(&survey);
    cols.score = Some(NumColumn::f64(&score));
    let read = read_columns(&cols, Mode::Strict).unwrap();

    let records = vec![
        json!({"customer_id": "ana", "timestamp": T0 + 5_000, "channel": "web", "kind": "page_view"}),
        json!({"customer_id": "bo", "timestamp": T0, "channel": "email", "kind": "survey_response", "survey": {"metric": "nps", "score": 9}}),
        json!({"customer_id": "ana", "timestamp": T0, "channel": "web", "kind": "purchase", "value": 40.0}),
        json!({"customer_id": "cy", "timestamp": T0 + 1, "channel": "store", "kind": "page_view"}),
        json!({"customer_id": "bo", "timestamp": T0 + 2, "channel": "email", "kind": "purchase", "value": 12.5}),
    ];
    let expected = read_records(records, Mode::Strict).unwrap();
    let (a, b) = (&read.dataset, &expected.dataset);
    assert_eq!(a.customer_count(), 3);
    assert_eq!(a.event_count(), 5);
    for row in 0..5 {
        assert_eq!(a.event(row), b.event(row), "row {row}");
    }
    let map = StageMap::default();
    assert_eq!(
        serde_json::to_value(cx_report(a, &map)).unwrap(),
        serde_json::to_value(cx_report(b, &map)).unwrap()
    );
}

#[test]
fn units_and_batches() {
    let secs = [T0 / 1000];
    let nanos = [T0 * 1_000_000 + 999_999];
    let days = [20_513i32]; // 2026-03-01
    let mut reader = ColumnsReader::new(Mode::Strict);
    let (c, ch, k) = (["a"], ["web"], ["click"]);
    for (values, unit) in [
        (TimeValues::I64(&secs), TimeUnit::Second),
        (TimeValues::I64(&nanos), TimeUnit::Nanosecond),
        (TimeValues::I32(&days), TimeUnit::Day),
    ] {
        let cols = EventColumns::new(
            &c,
            TimeColumn {
                values,
                unit,
                validity: None,
            },
            &ch,
            &k,
        );
        reader.push(&cols).unwrap();
    }
    let data = reader.finish().unwrap().dataset;
    let ts: Vec<i64> = data.customer(0).ts.to_vec();
    assert_eq!(ts, vec![20_513 * DAY_MS, T0, T0]);
}

#[test]
fn bad_rows_name_row_and_column() {
    let customers: [Option<&str>; 5] = [Some("a"), None, Some("c"), Some(" "), Some("e")];
    let ts = [T0; 5];
    let ts_valid = [0b0_1111u8];
    let channels = ["web"; 5];
    let kinds = ["click"; 5];
    let survey = [Some("nps"), None, Some("nps"), None, None];
    let score = [11.0, 0.0, 7.0, 0.0, 0.0];
    let mut cols = EventColumns::new(
        &customers,
        TimeColumn {
            values: TimeValues::I64(&ts),
            unit: TimeUnit::Millisecond,
            validity: Some(Validity::new(&ts_valid, 0)),
        },
        &channels,
        &kinds,
    );
    cols.survey = Some(&survey);
    cols.score = Some(NumColumn::f64(&score));
    cols.names.customer_id = "user";

    let err = read_columns(&cols, Mode::Strict).unwrap_err();
    assert_eq!(err.code(), "OUT_OF_RANGE");
    assert_eq!(
        (err.record(), err.field()),
        (Some(RecordRef::Record(1)), Some("score"))
    );

    let read = read_columns(&cols, Mode::Lenient).unwrap();
    let got: Vec<_> = read
        .rejected
        .iter()
        .map(|e| (e.record().unwrap(), e.field().unwrap().to_string()))
        .collect();
    let want = [(1, "score"), (2, "user"), (4, "user"), (5, "timestamp")];
    assert_eq!(
        got,
        want.map(|(r, f)| (RecordRef::Record(r), f.to_string()))
            .to_vec()
    );
    assert!(read.rejected[1].to_string().contains("is null"));
    assert_eq!(
        (read.dataset.customer_count(), read.dataset.event_count()),
        (1, 1)
    );
    assert_eq!(read.dataset.customer_id(0), "c");
}

#[test]
fn many_customers_short_and_long_ids() {
    // 3,000 ids (the id table grows several times), short, long, and "a" vs "a ".
    let mut ids: Vec<String> = (0..1500).map(|i| format!("c{i}")).collect();
    ids.extend((0..1498).map(|i| format!("a-long-customer-id-{i:05}")));
    ids.extend(["a".to_string(), "a ".to_string()]);
    let rows: Vec<&str> = (0..9000)
        .map(|r| ids[(r * 7919) % ids.len()].as_str())
        .collect();
    let ts: Vec<i64> = (0..9000).map(|r| T0 + r as i64).collect();
    let (ch, k) = (vec!["web"; 9000], vec!["click"; 9000]);
    let batches =
        [(0, 4000), (4000, 9000)].map(|(a, b)| (&rows[a..b], &ts[a..b], &ch[a..b], &k[a..b]));
    let mut reader = ColumnsReader::new(Mode::Strict);
    for (c, t, chan, kind) in &batches {
        reader
            .push(&EventColumns::new(c, TimeColumn::millis(t), chan, kind))
            .unwrap();
    }
    let data = reader.finish().unwrap().dataset;
    assert_eq!(data.customer_count(), 3000);
    for c in data.customers() {
        assert_eq!(c.len(), 3, "{}", c.id);
        assert!(c.ts.iter().all(|&t| rows[(t - T0) as usize] == c.id));
    }
}

proptest::proptest! {
    /// Any rows — out of order, equal times, repeated, null and blank ids, anonymous ids
    /// tied to customers (and conflicting ties), bad scores, a second answer column, a trait
    /// column, split into two batches — read as columns give the dataset and the rejections
    /// that the same rows read as records give.
    #[test]
    fn columns_and_records_agree(
        rows in proptest::collection::vec(
            ((0usize..7, 0usize..4, 0i64..5, 0usize..3, 0usize..3), (0u8..14, 0u8..7, 0usize..3)),
            0..60,
        ),
        split in 0usize..60,
        lenient in proptest::bool::ANY,
    ) {
        // Id 6 is null (the row is anonymous if it has an anonymous id).
        const IDS: [&str; 7] = ["ana", "bo", "a-very-long-customer-id-42", "cy", " ", "dee", ""];
        const ANONYMOUS: [Option<&str>; 4] = [None, Some("anon-1"), Some("anon-2"), Some("bo")];
        const CHANNELS: [&str; 3] = ["web", "Email", "store"];
        const KINDS: [&str; 3] = ["page_view", "Order Completed", "survey_response"];
        const PLANS: [Option<&str>; 3] = [None, Some("pro"), Some("free")];
        let mode = if lenient { Mode::Lenient } else { Mode::Strict };
        let ids: Vec<Option<&str>> = rows.iter().map(|r| Some(IDS[r.0 .0]).filter(|_| r.0 .0 < 6)).collect();
        let anonymous: Vec<Option<&str>> = rows.iter().map(|r| ANONYMOUS[r.0 .1]).collect();
        let ts: Vec<i64> = rows.iter().map(|r| T0 + r.0 .2 * 1000).collect();
        let channels: Vec<&str> = rows.iter().map(|r| CHANNELS[r.0 .3]).collect();
        let kinds: Vec<&str> = rows.iter().map(|r| KINDS[r.0 .4]).collect();
        // Score 0–10 is an NPS answer, 11–13 out of range; only on survey rows.
        let survey: Vec<Option<&str>> = rows.iter().map(|r| (r.0 .4 == 2).then_some("nps")).collect();
        let score: Vec<f64> = rows.iter().map(|r| f64::from(r.1 .0)).collect();
        // CSAT 1–5, 6 out of range, 0 no answer (NaN).
        let csat: Vec<f64> = rows.iter().map(|r| if r.1 .1 == 0 { f64::NAN } else { f64::from(r.1 .1) }).collect();
        let plans: Vec<Value> = rows.iter().map(|r| PLANS[r.1 .2].map_or(Value::Null, Value::from)).collect();
        let value: Vec<f64> = rows.iter().map(|r| if r.0 .4 == 1 { f64::from(r.1 .0) } else { f64::NAN }).collect();
        let split = split.min(rows.len());
        let mut reader = ColumnsReader::new(mode);
        let mut pushed = Ok(());
        let batches = [(0, split), (split, rows.len())].map(|(a, b)| a..b);
        let answer_columns: Vec<[AnswerColumn<'_>; 1]> = batches
            .iter()
            .map(|r| [AnswerColumn { metric: SurveyMetric::Csat, scores: NumColumn::f64(&csat[r.clone()]), name: "csat" }])
            .collect();
        let plan_columns: Vec<Vec<Value>> = batches.iter().map(|r| plans[r.clone()].to_vec()).collect();
        let trait_columns: Vec<[TraitColumn<'_>; 1]> = plan_columns
            .iter()
            .map(|p| [TraitColumn { name: "plan", column: "plan", values: p }])
            .collect();
        let slices = batches.clone().map(|r| {
            (&ids[r.clone()], &channels[r.clone()], &kinds[r.clone()], &survey[r.clone()], &anonymous[r])
        });
        for (k, r) in batches.iter().enumerate() {
            let r = r.clone();
            let (c, ch, kd, sv, an) = &slices[k];
            let mut cols = EventColumns::new(c, TimeColumn::millis(&ts[r.clone()]), ch, kd);
            cols.value = Some(NumColumn::f64(&value[r.clone()]));
            cols.survey = Some(sv);
            cols.score = Some(NumColumn::f64(&score[r.clone()]));
            cols.anonymous_id = Some(an);
            cols.answers = &answer_columns[k];
            cols.traits = &trait_columns[k];
            pushed = pushed.and_then(|()| reader.push(&cols));
        }
        let records: Vec<_> = (0..rows.len()).map(|i| {
            let mut r = json!({"timestamp": ts[i], "channel": channels[i], "kind": kinds[i]});
            if let Some(id) = ids[i] { r["customer_id"] = json!(id); }
            if let Some(a) = anonymous[i] { r["anonymous_id"] = json!(a); }
            if !value[i].is_nan() { r["value"] = json!(value[i]); }
            if survey[i].is_some() { r["survey"] = json!({"metric": "nps", "score": score[i]}); }
            if !csat[i].is_nan() { r["answers"] = json!({"csat": csat[i]}); }
            if !plans[i].is_null() { r["traits"] = json!({"plan": plans[i]}); }
            r
        }).collect();
        let expected = read_records(records, mode);
        match (pushed.and_then(|()| reader.finish()), expected) {
            (Ok(read), Ok(expected)) => {
                let (a, b) = (&read.dataset, &expected.dataset);
                proptest::prop_assert_eq!(a.customer_count(), b.customer_count());
                proptest::prop_assert_eq!(a.event_count(), b.event_count());
                for c in 0..a.customer_count() as u32 {
                    proptest::prop_assert_eq!(a.customer_id(c), b.customer_id(c));
                    proptest::prop_assert_eq!(a.traits(c), b.traits(c));
                }
                for row in 0..a.event_count() {
                    proptest::prop_assert_eq!(a.event(row), b.event(row), "row {}", row);
                }
                // The record readers name the score `survey.score` and the CSAT `answers.csat`;
                // the columns are `score` and `csat`; a missing id is named the same.
                let where_ = |e: &TouchpointError| (e.record(), e.field().map(|f| f.replace("survey.", "").replace("answers.", "")), e.code());
                let got: Vec<_> = read.rejected.iter().map(where_).collect();
                let want: Vec<_> = expected.rejected.iter().map(where_).collect();
                proptest::prop_assert_eq!(got, want);
            }
            (Err(a), Err(b)) => proptest::prop_assert_eq!((a.record(), a.code()), (b.record(), b.code())),
            (a, b) => proptest::prop_assert!(false, "columns {:?}, records {:?}", a.err(), b.err().map(|e| e.to_string())),
        }
    }
}

#[test]
fn unequal_lengths_are_a_config_error() {
    let (c, ch, k) = (["a", "b"], ["web"], ["click", "click"]);
    let ts = [T0, T0];
    let err = read_columns(
        &EventColumns::new(&c, TimeColumn::millis(&ts), &ch, &k),
        Mode::Lenient,
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("INVALID_CONFIG", Some("channel"))
    );
}

#[test]
fn a_user_id_of_a_batch_without_anonymous_ids_is_not_tied_away() {
    // Batch 1 has no anonymous_id column: "u1" is a user id. Batch 2 ties "u1" as if it were
    // an anonymous id: refused (two users merge only by an alias), as the records readers do.
    let mut reader = ColumnsReader::new(Mode::Lenient);
    let (c1, ts1, ch, k) = (["u1"], [T0], ["web"], ["click"]);
    reader
        .push(&EventColumns::new(&c1, TimeColumn::millis(&ts1), &ch, &k))
        .unwrap();
    let (c2, a2, ts2) = (["u2"], ["u1"], [T0 + 1]);
    let mut cols = EventColumns::new(&c2, TimeColumn::millis(&ts2), &ch, &k);
    cols.anonymous_id = Some(&a2);
    reader.push(&cols).unwrap();
    let read = reader.finish().unwrap();
    assert_eq!(read.dataset.customer_count(), 2);
    assert_eq!(read.rejected.len(), 1);
    assert_eq!(read.rejected[0].record(), Some(RecordRef::Record(2)));
    assert!(read.rejected[0]
        .to_string()
        .contains("merged only by an alias"));
}

/// A dictionary column that lies: its keys go past its dictionary (`dictionary_len` is 1,
/// row 1's key is 7), and `entry` answers any key. The reader must not trust it.
struct LyingDict(&'static str);

impl StrColumn for LyingDict {
    fn len(&self) -> usize {
        3
    }
    fn get(&self, _row: usize) -> Option<&str> {
        Some(self.0)
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(1)
    }
    fn key(&self, row: usize) -> Option<usize> {
        Some(if row == 1 { 7 } else { 0 })
    }
    fn entry(&self, _key: usize) -> Option<&str> {
        Some(self.0)
    }
}

#[test]
fn a_dictionary_key_past_the_dictionary_is_a_bad_row_not_a_panic() {
    let ids = ["ana", "bo", "cy"];
    let ts = [T0; 3];
    let kinds = ["purchase"; 3];
    let plain_channels = ["web"; 3];
    let scores = [9.0; 3];
    let (web, nps, same) = (LyingDict("web"), LyingDict("nps"), ["web"; 3]);
    // The lying column as each dictionary column the reader reads in turn.
    for column in ["customer_id", "anonymous_id", "channel", "kind", "survey"] {
        let mut c = EventColumns::new(&ids, TimeColumn::millis(&ts), &plain_channels, &kinds);
        match column {
            "customer_id" => c.customer_id = &web,
            "anonymous_id" => {
                // The same id in both columns: anonymous rows, no ties.
                c.customer_id = &same;
                c.anonymous_id = Some(&web);
            }
            "channel" => c.channel = &web,
            "kind" => c.kind = &web,
            _ => {
                c.survey = Some(&nps);
                c.score = Some(NumColumn::f64(&scores));
            }
        }
        let strict = read_columns(&c, Mode::Strict).expect_err(column);
        assert_eq!(strict.code(), "INVALID_RECORD", "{column}: {strict}");
        assert_eq!(strict.record(), Some(RecordRef::Record(2)), "{column}");
        assert_eq!(strict.field(), Some(column), "{column}");
        assert!(strict.to_string().contains("dictionary key 7"), "{strict}");
        let lenient = read_columns(&c, Mode::Lenient).expect(column);
        assert_eq!(lenient.rejected, vec![strict], "{column}");
        assert_eq!(
            lenient.dataset.event_count(),
            2,
            "{column}: the other rows are read"
        );
    }
}

#[test]
fn integer_ids_read_as_their_decimal_text() {
    use super::cells::{IntIds, StrColumn};
    let values: Vec<Option<i128>> = vec![
        Some(0),
        Some(-1),
        Some(42),
        Some(i64::MAX.into()),
        Some(i64::MIN.into()),
        Some(u64::MAX.into()),
        Some(i128::from(i64::MIN) - 1),
        None,
        Some(7),
    ];
    let ids = IntIds::new(values.clone());
    assert_eq!(ids.len(), values.len());
    for (row, v) in values.iter().enumerate() {
        assert_eq!(
            ids.get(row).map(str::to_string),
            v.map(|v| v.to_string()),
            "row {row}"
        );
    }
}
