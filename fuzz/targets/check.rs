//! The invariants every result must keep, checked with `assert!`.

use serde::ser::{self, Serialize};
use serde_json::Value;

/// Serialises `result` (panicking on a NaN or infinite float anywhere in it, which JSON would
/// silently print as `null`), checks the invariants of [`check_json`] and returns the JSON.
pub fn result_json<T: Serialize>(what: &str, result: &T) -> Value {
    if let Err(NonFinite(path)) = result.serialize(FiniteFloats(String::new())) {
        panic!("{what}: a NaN or infinite number at {path}");
    }
    let json = serde_json::to_value(result).expect("results serialise");
    check_json(what, &json, "");
    json
}

/// The numbers of a result, by key name: percentages (`*share`, `conversion*`, `*_rate`
/// except ratios that can exceed 100) in [0, 100], an `nps` in [-100, 100], durations
/// (`*seconds*`) not negative, the NPS groups adding up to the responses, and funnel steps
/// that never gain customers.
pub fn check_json(what: &str, json: &Value, path: &str) {
    match json {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                if let Some(x) = v.as_f64() {
                    let percent = key.ends_with("share")
                        || key.starts_with("conversion")
                        || key == "drop_off_rate"
                        || key == "switch_rate"
                        || key == "retention_rate";
                    if percent {
                        assert!((0.0..=100.0).contains(&x), "{what}: {here} = {x}");
                    }
                    if key == "nps" {
                        assert!((-100.0..=100.0).contains(&x), "{what}: {here} = {x}");
                    }
                    if key.contains("seconds") || key.ends_with("_rate") || key == "share" {
                        assert!(x >= 0.0, "{what}: {here} = {x}");
                    }
                }
                check_json(what, v, &here);
            }
            let count = |k: &str| map.get(k).and_then(Value::as_u64);
            if let (Some(r), Some(p), Some(q), Some(d)) = (
                count("responses"),
                count("promoters"),
                count("passives"),
                count("detractors"),
            ) {
                assert_eq!(p + q + d, r, "{what}: NPS groups at {path}");
            }
            if let Some(Value::Array(steps)) = map.get("steps") {
                let required = steps.iter().filter(|s| s["optional"] == Value::Bool(false));
                let customers: Vec<u64> =
                    required.filter_map(|s| s["customers"].as_u64()).collect();
                assert!(
                    customers.windows(2).all(|w| w[0] >= w[1]),
                    "{what}: funnel steps gain customers at {path}: {customers:?}"
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_json(what, v, &format!("{path}[{i}]"));
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

/// The path of a non-finite float.
#[derive(Debug)]
pub struct NonFinite(String);

impl std::fmt::Display for NonFinite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a non-finite number at {}", self.0)
    }
}

impl std::error::Error for NonFinite {}

impl ser::Error for NonFinite {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NonFinite(msg.to_string())
    }
}

/// A serializer that only looks at floats, failing on NaN and ±∞; its state is the path.
struct FiniteFloats(String);

type Fin = Result<(), NonFinite>;

impl FiniteFloats {
    fn float(&self, x: f64) -> Fin {
        match x.is_finite() {
            true => Ok(()),
            false => Err(NonFinite(format!("{} ({x})", self.0))),
        }
    }
    fn at(&self, key: impl std::fmt::Display) -> FiniteFloats {
        FiniteFloats(format!("{}.{key}", self.0))
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
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Fin {
        self.float(v)
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
        v.serialize(self.at(variant))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, NonFinite> {
        Ok(Compound(self.0, 0))
    }
}

/// A sequence, map or struct being checked: its path and the index of the next element.
struct Compound(String, usize);

impl Compound {
    fn item<T: ?Sized + Serialize>(&mut self, v: &T) -> Fin {
        let at = FiniteFloats(format!("{}[{}]", self.0, self.1));
        self.1 += 1;
        v.serialize(at)
    }
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, v: &T) -> Fin {
        v.serialize(FiniteFloats(format!("{}.{key}", self.0)))
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
        k.serialize(FiniteFloats(format!("{}.<key>", self.0)))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Fin {
        self.item(v)
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
