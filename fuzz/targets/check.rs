//! The invariants every result must keep, checked with `assert!`.

use serde::ser::{self, Serialize};
use serde_json::Value;

/// Serialises `result` (panicking on a NaN or infinite float anywhere in it, which JSON would
/// silently print as `null`), checks the invariants of [`check_json`] and returns the JSON.
pub fn result_json<T: Serialize>(what: &str, result: &T) -> Value {
    if let Err(e) = result.serialize(FiniteFloats) {
        panic!("{what}: a NaN or infinite number at {}", e.path());
    }
    let json = serde_json::to_value(result).expect("results serialise");
    check_json(what, &json, &mut Vec::new());
    json
}

/// A place in a JSON value: an object's key or an array's index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A key.
    Key(&'a str),
    /// An index.
    Index(usize),
}

/// `steps` as text (`.steps[1].customers`); made only when a check fails.
fn render(steps: &[Step<'_>]) -> String {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => format!(".{k}"),
            Step::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// The numbers of a result, by key name: percentages (`*share`, `conversion*`, `*_rate`
/// except ratios that can exceed 100) in [0, 100], an `nps` in [-100, 100], durations
/// (`*seconds*`) not negative, the NPS groups adding up to the responses, and funnel steps
/// that never gain customers. `path` is where `json` is in the result.
pub fn check_json<'a>(what: &str, json: &'a Value, path: &mut Vec<Step<'a>>) {
    match json {
        Value::Object(map) => {
            for (key, v) in map {
                if let Some(x) = v.as_f64() {
                    let percent = key.ends_with("share")
                        || key.starts_with("conversion")
                        || key == "drop_off_rate"
                        || key == "switch_rate"
                        || key == "retention_rate";
                    assert!(
                        !percent || (0.0..=100.0).contains(&x),
                        "{what}: {}.{key} = {x}",
                        render(path)
                    );
                    assert!(
                        key != "nps" || (-100.0..=100.0).contains(&x),
                        "{what}: {}.{key} = {x}",
                        render(path)
                    );
                    let not_negative =
                        key.contains("seconds") || key.ends_with("_rate") || key == "share";
                    assert!(
                        !not_negative || x >= 0.0,
                        "{what}: {}.{key} = {x}",
                        render(path)
                    );
                }
                if v.is_object() || v.is_array() {
                    path.push(Step::Key(key));
                    check_json(what, v, path);
                    path.pop();
                }
            }
            let count = |k: &str| map.get(k).and_then(Value::as_u64);
            if let (Some(r), Some(p), Some(q), Some(d)) = (
                count("responses"),
                count("promoters"),
                count("passives"),
                count("detractors"),
            ) {
                assert_eq!(p + q + d, r, "{what}: NPS groups at {}", render(path));
            }
            if let Some(Value::Array(steps)) = map.get("steps") {
                let required = steps.iter().filter(|s| s["optional"] == Value::Bool(false));
                let customers: Vec<u64> =
                    required.filter_map(|s| s["customers"].as_u64()).collect();
                assert!(
                    customers.windows(2).all(|w| w[0] >= w[1]),
                    "{what}: funnel steps gain customers at {}: {customers:?}",
                    render(path)
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if v.is_object() || v.is_array() {
                    path.push(Step::Index(i));
                    check_json(what, v, path);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// `json` with every array sorted (by its items' text): two results that hold the same
/// numbers in another order compare equal.
pub fn canonical(json: &Value) -> Value {
    match json {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(canonical).collect();
            items.sort_by_cached_key(Value::to_string);
            Value::Array(items)
        }
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), canonical(v))).collect())
        }
        v => v.clone(),
    }
}

/// A non-finite float: the path to it (innermost step first while it travels up) and the value.
#[derive(Debug)]
pub struct NonFinite(Vec<String>);

impl NonFinite {
    /// The path from the top, as text.
    fn path(&self) -> String {
        self.0.iter().rev().map(String::as_str).collect()
    }

    fn at(mut self, step: String) -> Self {
        self.0.push(step);
        self
    }
}

impl std::fmt::Display for NonFinite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a non-finite number at {}", self.path())
    }
}

impl std::error::Error for NonFinite {}

impl ser::Error for NonFinite {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NonFinite(vec![format!(" ({msg})")])
    }
}

/// A serializer that only looks at floats, failing on NaN and ±∞ (no allocation otherwise).
struct FiniteFloats;

type Fin = Result<(), NonFinite>;

impl FiniteFloats {
    fn float(x: f64) -> Fin {
        match x.is_finite() {
            true => Ok(()),
            false => Err(NonFinite(vec![format!(" = {x}")])),
        }
    }
}

macro_rules! ignore {
    ($($name:ident($t:ty)),*) => {$(fn $name(self, _: $t) -> Fin { Ok(()) })*};
}

impl ser::Serializer for FiniteFloats {
    type Ok = ();
    type Error = NonFinite;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    ignore!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str)
    );

    fn serialize_f32(self, v: f32) -> Fin {
        FiniteFloats::float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Fin {
        FiniteFloats::float(v)
    }
    fn serialize_none(self) -> Fin {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Fin {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Fin {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Fin {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Fin {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Fin {
        v.serialize(self).map_err(|e| e.at(format!(".{variant}")))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, NonFinite> {
        Ok(Compound(0))
    }
}

/// A sequence, map or struct being checked: the index of its next element.
struct Compound(usize);

impl Compound {
    fn item<T: ?Sized + Serialize>(&mut self, v: &T) -> Fin {
        let i = self.0;
        self.0 += 1;
        v.serialize(FiniteFloats)
            .map_err(|e| e.at(format!("[{i}]")))
    }
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, v: &T) -> Fin {
        v.serialize(FiniteFloats)
            .map_err(|e| e.at(format!(".{key}")))
    }
}

macro_rules! seq_like {
    ($($tr:ident :: $method:ident),*) => {$(
        impl ser::$tr for Compound {
            type Ok = ();
            type Error = NonFinite;
            fn $method<T: ?Sized + Serialize>(&mut self, v: &T) -> Fin {
                self.item(v)
            }
            fn end(self) -> Fin {
                Ok(())
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> Fin {
        k.serialize(FiniteFloats).map_err(|e| e.at(".<key>".into()))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Fin {
        self.item(v)
    }
    fn serialize_entry<K: ?Sized + Serialize, V: ?Sized + Serialize>(
        &mut self,
        k: &K,
        v: &V,
    ) -> Fin {
        self.serialize_key(k)?;
        v.serialize(FiniteFloats).map_err(|e| {
            let key = serde_json::to_value(k).unwrap_or_default();
            e.at(format!(
                ".{}",
                key.as_str().map_or(key.to_string(), str::to_string)
            ))
        })
    }
    fn end(self) -> Fin {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Fin {
        self.field(key, v)
    }
    fn end(self) -> Fin {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Fin {
        self.field(key, v)
    }
    fn end(self) -> Fin {
        Ok(())
    }
}
