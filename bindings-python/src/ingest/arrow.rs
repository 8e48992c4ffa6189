//! The Arrow arrays `Dataset.from_arrow` reads, as the core's column types: strings read in
//! place (plain or dictionary-encoded), integer ids as their decimal text, times, numbers
//! and customer-trait values.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrowPrimitiveType, BooleanArray, GenericStringArray, PrimitiveArray, StringViewArray,
};
use arrow_buffer::ArrowNativeType;
use arrow_schema::{DataType, TimeUnit as ArrowUnit};
use touchpoint::ingest::{
    IntIds, NumColumn, NumValues, StrColumn, TimeColumn, TimeUnit, TimeValues, TraitValues,
    Validity,
};

/// What a column is read as: the roles of `from_arrow`'s columns.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Role {
    /// Strings (channel, kind, survey).
    Str,
    /// Strings or integers (customer and anonymous ids).
    Id,
    /// The timestamp.
    Time,
    /// Numbers (value, scores).
    Num,
    /// Strings, numbers or booleans (traits).
    Trait,
}

impl Role {
    /// Whether a column of type `dt` can play this role.
    pub(crate) fn accepts(self, dt: &DataType) -> bool {
        let strings = is_string(dt)
            || matches!(dt, DataType::Dictionary(k, v) if k.is_dictionary_key_type() && is_string(v));
        match self {
            Role::Str => strings,
            Role::Id => strings || is_integer(dt),
            Role::Time => matches!(
                dt,
                DataType::Timestamp(..) | DataType::Int64 | DataType::Date32 | DataType::Date64
            ),
            Role::Num => is_integer(dt) || matches!(dt, DataType::Float64 | DataType::Float32),
            Role::Trait => {
                strings
                    || is_integer(dt)
                    || matches!(
                        dt,
                        DataType::Float64 | DataType::Float32 | DataType::Boolean
                    )
            }
        }
    }

    /// The types this role accepts, for messages.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            Role::Str => "strings (utf8, large_utf8, utf8_view) or a dictionary / categorical of strings",
            Role::Id => "strings (utf8, large_utf8, utf8_view, a dictionary / categorical of strings) or integers (int8 to int64, uint8 to uint64; a float column of ids: cast it to integers first)",
            Role::Time => "a timestamp (any unit; with a time zone or naive = UTC), a date, or int64 milliseconds since the epoch; convert text first (pandas.to_datetime, polars .str.to_datetime())",
            Role::Num => "numbers (float64, float32, or integers int8 to int64, uint8 to uint64)",
            Role::Trait => "strings, numbers or booleans",
        }
    }
}

fn is_string(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

fn is_integer(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
    )
}

/// An id column: strings read in place, or integers written once as their decimal text.
pub(crate) fn id_column(a: &dyn Array) -> Option<Box<dyn StrColumn + '_>> {
    fn ints<T: ArrowPrimitiveType>(a: &dyn Array) -> Option<Box<dyn StrColumn + '_>>
    where
        T::Native: Into<i128>,
    {
        let p = a.as_primitive_opt::<T>()?;
        Some(Box::new(IntIds::new(p.iter())))
    }
    match a.data_type() {
        DataType::Int8 => ints::<Int8Type>(a),
        DataType::Int16 => ints::<Int16Type>(a),
        DataType::Int32 => ints::<Int32Type>(a),
        DataType::Int64 => ints::<Int64Type>(a),
        DataType::UInt8 => ints::<UInt8Type>(a),
        DataType::UInt16 => ints::<UInt16Type>(a),
        DataType::UInt32 => ints::<UInt32Type>(a),
        DataType::UInt64 => ints::<UInt64Type>(a),
        _ => str_column(a),
    }
}

/// A trait column: strings, numbers (integers stay integers) or booleans.
pub(crate) fn trait_column(a: &dyn Array) -> Option<Box<dyn TraitValues + '_>> {
    match a.data_type() {
        DataType::Boolean => Some(Box::new(Bools(a.as_boolean_opt()?))),
        dt if is_integer(dt) || matches!(dt, DataType::Float64 | DataType::Float32) => {
            Some(Box::new(num_column(a)?))
        }
        _ => Some(Box::new(StrTraitColumn(str_column(a)?))),
    }
}

/// A boolean trait column.
struct Bools<'a>(&'a BooleanArray);

impl TraitValues for Bools<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn is_null(&self, row: usize) -> bool {
        self.0.is_null(row)
    }
    fn get(&self, row: usize) -> Option<serde_json::Value> {
        (!self.0.is_null(row)).then(|| self.0.value(row).into())
    }
}

/// A string trait column.
struct StrTraitColumn<'a>(Box<dyn StrColumn + 'a>);

impl TraitValues for StrTraitColumn<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn is_null(&self, row: usize) -> bool {
        self.0.get(row).is_none()
    }
    fn get(&self, row: usize) -> Option<serde_json::Value> {
        self.0.get(row).map(Into::into)
    }
}

fn validity(a: &dyn Array) -> Option<Validity<'_>> {
    a.nulls()
        .filter(|n| n.null_count() > 0)
        .map(|n| Validity::new(n.validity(), n.offset()))
}

/// A plain string array of any of Arrow's three layouts.
#[derive(Clone, Copy)]
enum Strs<'a> {
    Utf8(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
}

impl<'a> Strs<'a> {
    fn of(a: &'a dyn Array) -> Option<Self> {
        match a.data_type() {
            DataType::Utf8 => a.as_string_opt::<i32>().map(Strs::Utf8),
            DataType::LargeUtf8 => a.as_string_opt::<i64>().map(Strs::Large),
            DataType::Utf8View => a.as_string_view_opt().map(Strs::View),
            _ => None,
        }
    }

    fn len(self) -> usize {
        match self {
            Strs::Utf8(a) => a.len(),
            Strs::Large(a) => a.len(),
            Strs::View(a) => a.len(),
        }
    }

    #[inline]
    fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

impl StrColumn for Strs<'_> {
    fn len(&self) -> usize {
        Strs::len(*self)
    }
    fn get(&self, row: usize) -> Option<&str> {
        Strs::get(*self, row)
    }
}

/// A dictionary-encoded string array (pandas / polars categoricals).
struct Dict<'a, K: ArrowDictionaryKeyType> {
    keys: &'a PrimitiveArray<K>,
    values: Strs<'a>,
}

impl<K: ArrowDictionaryKeyType> StrColumn for Dict<'_, K> {
    fn len(&self) -> usize {
        self.keys.len()
    }
    fn get(&self, row: usize) -> Option<&str> {
        self.key(row).and_then(|k| self.entry(k))
    }
    fn dictionary_len(&self) -> Option<usize> {
        Some(self.values.len())
    }
    #[inline]
    fn key(&self, row: usize) -> Option<usize> {
        if self.keys.is_null(row) {
            return None;
        }
        // A negative or too large key (invalid Arrow) reads as null.
        self.keys.values()[row]
            .to_usize()
            .filter(|&k| k < self.values.len())
    }
    fn entry(&self, key: usize) -> Option<&str> {
        self.values.get(key)
    }
}

pub(crate) fn str_column(a: &dyn Array) -> Option<Box<dyn StrColumn + '_>> {
    fn dict<'a, K: ArrowDictionaryKeyType>(a: &'a dyn Array) -> Option<Box<dyn StrColumn + 'a>> {
        let d = a.as_dictionary_opt::<K>()?;
        Some(Box::new(Dict {
            keys: d.keys(),
            values: Strs::of(d.values().as_ref())?,
        }))
    }
    match a.data_type() {
        DataType::Dictionary(k, _) => match k.as_ref() {
            DataType::Int8 => dict::<Int8Type>(a),
            DataType::Int16 => dict::<Int16Type>(a),
            DataType::Int32 => dict::<Int32Type>(a),
            DataType::Int64 => dict::<Int64Type>(a),
            DataType::UInt8 => dict::<UInt8Type>(a),
            DataType::UInt16 => dict::<UInt16Type>(a),
            DataType::UInt32 => dict::<UInt32Type>(a),
            DataType::UInt64 => dict::<UInt64Type>(a),
            _ => None,
        },
        _ => Strs::of(a).map(|s| Box::new(s) as Box<dyn StrColumn>),
    }
}

pub(crate) fn time_column(a: &dyn Array) -> Option<TimeColumn<'_>> {
    fn i64s(v: &[i64], unit: TimeUnit) -> (TimeValues<'_>, TimeUnit) {
        (TimeValues::I64(v), unit)
    }
    let (values, unit) = match a.data_type() {
        DataType::Timestamp(ArrowUnit::Second, _) => i64s(
            a.as_primitive_opt::<TimestampSecondType>()?.values(),
            TimeUnit::Second,
        ),
        DataType::Timestamp(ArrowUnit::Millisecond, _) => i64s(
            a.as_primitive_opt::<TimestampMillisecondType>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Timestamp(ArrowUnit::Microsecond, _) => i64s(
            a.as_primitive_opt::<TimestampMicrosecondType>()?.values(),
            TimeUnit::Microsecond,
        ),
        DataType::Timestamp(ArrowUnit::Nanosecond, _) => i64s(
            a.as_primitive_opt::<TimestampNanosecondType>()?.values(),
            TimeUnit::Nanosecond,
        ),
        DataType::Int64 => i64s(
            a.as_primitive_opt::<Int64Type>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Date64 => i64s(
            a.as_primitive_opt::<Date64Type>()?.values(),
            TimeUnit::Millisecond,
        ),
        DataType::Date32 => (
            TimeValues::I32(a.as_primitive_opt::<Date32Type>()?.values()),
            TimeUnit::Day,
        ),
        _ => return None,
    };
    Some(TimeColumn {
        values,
        unit,
        validity: validity(a),
    })
}

pub(crate) fn num_column(a: &dyn Array) -> Option<NumColumn<'_>> {
    let values = match a.data_type() {
        DataType::Float64 => NumValues::F64(a.as_primitive_opt::<Float64Type>()?.values()),
        DataType::Float32 => NumValues::F32(a.as_primitive_opt::<Float32Type>()?.values()),
        DataType::Int64 => NumValues::I64(a.as_primitive_opt::<Int64Type>()?.values()),
        DataType::Int32 => NumValues::I32(a.as_primitive_opt::<Int32Type>()?.values()),
        DataType::Int16 => NumValues::I16(a.as_primitive_opt::<Int16Type>()?.values()),
        DataType::Int8 => NumValues::I8(a.as_primitive_opt::<Int8Type>()?.values()),
        DataType::UInt64 => NumValues::U64(a.as_primitive_opt::<UInt64Type>()?.values()),
        DataType::UInt32 => NumValues::U32(a.as_primitive_opt::<UInt32Type>()?.values()),
        DataType::UInt16 => NumValues::U16(a.as_primitive_opt::<UInt16Type>()?.values()),
        DataType::UInt8 => NumValues::U8(a.as_primitive_opt::<UInt8Type>()?.values()),
        _ => return None,
    };
    Some(NumColumn {
        values,
        validity: validity(a),
    })
}

/// The first row (0-based) of a string column whose text is not valid UTF-8, as Arrow
/// requires but an export may not deliver (a binary array viewed as strings): the reader
/// refuses it naming the row instead of reading U+FFFD or worse. Non-string columns: `None`.
pub(crate) fn first_invalid_utf8(a: &dyn Array) -> Option<usize> {
    fn offsets<O: arrow_array::OffsetSizeTrait>(a: &GenericStringArray<O>) -> Option<usize> {
        let offsets = a.value_offsets();
        let data = a.value_data();
        let start = offsets.first()?.as_usize();
        let end = offsets.last()?.as_usize();
        // The fast path: the whole buffer is UTF-8 and every row starts at a character.
        if let Ok(text) = std::str::from_utf8(&data[start..end]) {
            if offsets
                .iter()
                .all(|o| text.is_char_boundary(o.as_usize() - start))
            {
                return None;
            }
        }
        (0..a.len()).find(|&i| {
            let bytes = &data[offsets[i].as_usize()..offsets[i + 1].as_usize()];
            !a.is_null(i) && std::str::from_utf8(bytes).is_err()
        })
    }
    match a.data_type() {
        DataType::Utf8 => offsets(a.as_string::<i32>()),
        DataType::LargeUtf8 => offsets(a.as_string::<i64>()),
        DataType::Utf8View => {
            let v = a.as_string_view();
            v.bytes_iter()
                .enumerate()
                .find(|&(i, b)| !v.is_null(i) && std::str::from_utf8(b).is_err())
                .map(|(i, _)| i)
        }
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary_opt()?;
            let values = d.values().as_ref();
            let bad_entry = first_invalid_utf8(values)?;
            // Some entry is bad: the first row that uses a bad one (or, if no row does, none).
            let mut bad = vec![false; values.len()];
            bad[bad_entry] = true;
            for (i, flag) in bad.iter_mut().enumerate().skip(bad_entry + 1) {
                *flag = first_invalid_utf8(values.slice(i, 1).as_ref()).is_some();
            }
            let keys = d.normalized_keys();
            (0..a.len()).find(|&row| !a.is_null(row) && bad[keys[row]])
        }
        _ => None,
    }
}
