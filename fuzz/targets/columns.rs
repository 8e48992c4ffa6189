//! Target `columns`: columns decoded from the bytes, read by the columnar reader
//! (`read_columns`, `ColumnsReader` over two batches) and through `HostColumns` (the path
//! of the JavaScript bindings): string, integer and dictionary-encoded ids, times as
//! integers of every unit or as host numbers and text, values of every numeric type with
//! NaN and ±∞, survey and answer columns, trait columns.

use super::bytes::{Bytes, BAD_TIMES, CHANNELS, IDS, KINDS, METRICS, TIMES, VALUES};
use super::check::result_json;
use super::readers::both_modes;
use serde_json::Value;
use touchpoint::ingest::{
    AnswerColumn, ColumnsReader, EventColumns, HostColumns, IntIds, NumColumn, NumValues,
    StrColumn, StrTraits, TimeColumn, TimeUnit, TimeValues, TraitColumn, Validity,
};
use touchpoint::{Mode, StageMap, SurveyMetric};

/// Whether dictionary columns may give keys past their dictionary (the `StrColumn::key`
/// contract broken by a binding). Turn on once the core checks the key (issue 8).
const BAD_DICTIONARY_KEYS: bool = true;

/// Most rows a column gets.
const MAX_ROWS: usize = 12;

/// A dictionary-encoded string column (an Arrow dictionary, a pandas categorical).
struct Dictionary {
    entries: Vec<Option<String>>,
    keys: Vec<Option<usize>>,
}

impl StrColumn for Dictionary {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        <[_]>::get(&self.entries, self.keys[row]?)?.as_deref()
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.entries.len())
    }
    fn key(&self, row: usize) -> Option<usize> {
        self.keys[row]
    }
    fn entry(&self, key: usize) -> Option<&str> {
        <[_]>::get(&self.entries, key)?.as_deref()
    }
}

/// A string cell: from `pool`, null, or a few fuzz bytes.
fn cell(b: &mut Bytes<'_>, pool: &[&str]) -> Option<String> {
    match b.below(8) {
        0 => None,
        1 => Some(b.text(6)),
        _ => Some(b.pick(pool).to_string()),
    }
}

/// A string column of `n` rows: plain, integers or dictionary-encoded.
fn strings(b: &mut Bytes<'_>, n: usize, pool: &[&str]) -> Box<dyn StrColumn> {
    match b.below(4) {
        0 if pool == IDS => {
            let ints = [
                Some(0i64),
                Some(42),
                Some(-7),
                None,
                Some(i64::MAX),
                Some(i64::MIN),
            ];
            Box::new(IntIds::new((0..n).map(|_| b.pick(&ints))))
        }
        1 => {
            let entries: Vec<Option<String>> = (0..1 + b.below(4)).map(|_| cell(b, pool)).collect();
            let keys = (0..n)
                .map(|_| match b.below(8) {
                    0 => None,
                    7 if BAD_DICTIONARY_KEYS => Some(entries.len() + b.below(3)),
                    _ => Some(b.below(entries.len())),
                })
                .collect();
            Box::new(Dictionary { entries, keys })
        }
        _ => Box::new((0..n).map(|_| cell(b, pool)).collect::<Vec<_>>()),
    }
}

/// A validity bitmap for `n` rows (maybe none), with an offset.
fn validity(b: &mut Bytes<'_>, n: usize, bits: &mut Vec<u8>) -> Option<usize> {
    if !b.bool() {
        return None;
    }
    let offset = b.below(8);
    bits.extend((0..(n + offset) / 8 + 1).map(|_| b.byte() | 0x55));
    Some(offset)
}

/// The numbers of a numeric column, in one of its types.
enum Numbers {
    F64(Vec<f64>),
    F32(Vec<f32>),
    I64(Vec<i64>),
    U64(Vec<u64>),
    I8(Vec<i8>),
}

impl Numbers {
    fn decode(b: &mut Bytes<'_>, n: usize, small: bool) -> Numbers {
        let int = |b: &mut Bytes<'_>| {
            if small {
                b.below(12) as i64 - 1
            } else {
                b.pick(&[0, 1, 5, -3, 1_000_000_000_000_000, i64::MAX, i64::MIN])
            }
        };
        let float = |b: &mut Bytes<'_>| {
            if small && b.bool() {
                b.below(12) as f64 - 1.0 + [0.0, 0.5][b.below(2)]
            } else {
                b.pick(&VALUES)
            }
        };
        match b.below(5) {
            0 => Numbers::F32((0..n).map(|_| float(b) as f32).collect()),
            1 => Numbers::I64((0..n).map(|_| int(b)).collect()),
            2 => Numbers::U64((0..n).map(|_| int(b) as u64).collect()),
            3 => Numbers::I8((0..n).map(|_| int(b) as i8).collect()),
            _ => Numbers::F64((0..n).map(|_| float(b)).collect()),
        }
    }

    fn column<'a>(&'a self, validity: Option<Validity<'a>>) -> NumColumn<'a> {
        let values = match self {
            Numbers::F64(v) => NumValues::F64(v),
            Numbers::F32(v) => NumValues::F32(v),
            Numbers::I64(v) => NumValues::I64(v),
            Numbers::U64(v) => NumValues::U64(v),
            Numbers::I8(v) => NumValues::I8(v),
        };
        NumColumn { values, validity }
    }
}

/// A time in milliseconds: mostly valid, sometimes outside the range.
fn time(b: &mut Bytes<'_>) -> i64 {
    match b.below(10) {
        0 => b.pick(&BAD_TIMES),
        1 => b.i64(),
        _ => b.pick(&TIMES) + b.below(4) as i64 * 1000,
    }
}

/// The length of a column: mostly `n` (the timestamp column's), sometimes another (an
/// `INVALID_CONFIG` error, never a panic).
fn length(b: &mut Bytes<'_>, n: usize) -> usize {
    if b.below(16) == 0 {
        b.below(MAX_ROWS + 1)
    } else {
        n
    }
}

/// Reads columns decoded from `data`.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let n = b.below(MAX_ROWS + 1);

    let ids = strings(&mut b, n, &IDS);
    let channel = {
        let l = length(&mut b, n);
        strings(&mut b, l, &CHANNELS)
    };
    let kind = {
        let l = length(&mut b, n);
        strings(&mut b, l, &KINDS)
    };

    // The timestamp column: integers of some unit, or host values.
    let host = b.bool();
    let mut host_times = HostColumns::with_capacity(n);
    let mut ints = Vec::new();
    let mut ints32 = Vec::new();
    let unit = b.pick(&[
        TimeUnit::Millisecond,
        TimeUnit::Second,
        TimeUnit::Microsecond,
        TimeUnit::Nanosecond,
        TimeUnit::Day,
    ]);
    let narrow = b.bool();
    let mut time_bits = Vec::new();
    let time_offset = validity(&mut b, n, &mut time_bits);
    for _ in 0..n {
        let ms = time(&mut b);
        if host {
            match b.below(6) {
                0 => host_times.push_time_number(ms as f64 + [0.0, 0.5, f64::NAN][b.below(3)]),
                1 => host_times.push_time_text(&touchpoint::Timestamp(ms).to_rfc3339()),
                2 => host_times.push_time_text(&b.text(12)),
                3 => host_times.push_time_null(),
                4 => host_times.push_time_invalid("a boolean"),
                _ => host_times.push_time_millis(ms),
            }
        } else if narrow {
            ints32.push(ms as i32);
        } else {
            ints.push(ms / [1, 1000, 1, 1, 86_400_000][b.below(5)]);
        }
    }
    if host && b.below(4) == 0 && n > 0 {
        let row = b.below(n);
        host_times.reject(row, "value", "expected a number, got a string");
    }
    let timestamp = if host {
        host_times.timestamp()
    } else {
        TimeColumn {
            values: if narrow {
                TimeValues::I32(&ints32)
            } else {
                TimeValues::I64(&ints)
            },
            unit,
            validity: time_offset.map(|o| Validity::new(&time_bits, o)),
        }
    };

    let mut columns = EventColumns::new(ids.as_ref(), timestamp, channel.as_ref(), kind.as_ref());

    let value_numbers = {
        let l = length(&mut b, n);
        Numbers::decode(&mut b, l, false)
    };
    let mut value_bits = Vec::new();
    let value_offset = validity(&mut b, value_numbers.column(None).len(), &mut value_bits);
    if b.bool() {
        columns.value =
            Some(value_numbers.column(value_offset.map(|o| Validity::new(&value_bits, o))));
    }

    let survey = {
        let l = length(&mut b, n);
        strings(&mut b, l, &METRICS)
    };
    let scores = {
        let l = length(&mut b, n);
        Numbers::decode(&mut b, l, true)
    };
    if b.bool() {
        columns.survey = Some(survey.as_ref());
        columns.score = Some(scores.column(None));
    }

    let anonymous = {
        let l = length(&mut b, n);
        strings(&mut b, l, &IDS)
    };
    if b.below(3) == 0 {
        columns.anonymous_id = Some(anonymous.as_ref());
    }

    let answer_numbers: Vec<Numbers> = (0..b.below(3))
        .map(|_| {
            let l = length(&mut b, n);
            Numbers::decode(&mut b, l, true)
        })
        .collect();
    let answer_names: Vec<String> = answer_numbers
        .iter()
        .map(|_| b.pick(&METRICS).to_string())
        .collect();
    let answers: Vec<AnswerColumn<'_>> = answer_numbers
        .iter()
        .zip(&answer_names)
        .map(|(numbers, name)| AnswerColumn {
            metric: SurveyMetric::parse(name).unwrap_or(SurveyMetric::Csat),
            scores: numbers.column(None),
            name,
        })
        .collect();
    columns.answers = &answers;

    let trait_json: Vec<Value> = (0..length(&mut b, n))
        .map(|_| {
            b.pick(&[
                Value::Null,
                "pro".into(),
                3.into(),
                Value::Bool(true),
                serde_json::json!({"a": [1]}),
            ])
        })
        .collect();
    let trait_strings = {
        let l = length(&mut b, n);
        strings(&mut b, l, &["pro", "free", ""])
    };
    let trait_numbers = {
        let l = length(&mut b, n);
        Numbers::decode(&mut b, l, false)
    };
    let trait_strs = StrTraits(trait_strings.as_ref());
    let trait_nums = trait_numbers.column(None);
    let all_traits = [
        TraitColumn {
            name: "plan",
            column: "traits.plan",
            values: &trait_json,
        },
        TraitColumn {
            name: "tier",
            column: "tier",
            values: &trait_strs,
        },
        TraitColumn {
            name: "plan",
            column: "score",
            values: &trait_nums,
        },
    ];
    let traits = &all_traits[..b.below(4)];
    columns.traits = traits;

    let texts = {
        let l = length(&mut b, n);
        strings(&mut b, l, &["Late and broken. Awful!", "", "great", " "])
    };
    if b.below(3) == 0 {
        columns.text = Some(texts.as_ref());
    }

    if host {
        let _ = both_modes("host columns", |mode| host_times.read(&columns, mode));
    } else {
        let _ = both_modes("columns", |mode| touchpoint::read_columns(&columns, mode));
    }

    // Two batches of the same table: rows numbered across them.
    let mut reader = ColumnsReader::new(Mode::Lenient);
    let pushed = reader.push(&columns).and_then(|()| reader.push(&columns));
    if pushed.is_ok() {
        let read = reader.finish();
        if let Ok(read) = read {
            result_json(
                "columns (two batches)",
                &touchpoint::cx_report(&read.dataset, &StageMap::default()),
            );
        }
    }
}
