//! Output: any `Serialize` with its struct field names in camelCase.

use std::borrow::Cow;
use std::fmt::{self};

use serde::ser::{
    SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};
use serde::Serialize;

use super::*;

// ---------------------------------------------------------------- output

/// Serializes the wrapped value with struct field names in camelCase.
///
/// Works with any `Serializer`: `serde_json::to_value(CamelCase(&x))`,
/// `serde_json::to_string(&CamelCase(&x))`, or
/// `CamelCase(&x).serialize(&serde_wasm_bindgen::Serializer::json_compatible())`.
/// Structs and struct variants stay structs for the inner serializer (with
/// converted names); map keys, enum variant names and all scalars are
/// forwarded unchanged; every nested value is wrapped again.
pub struct CamelCase<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for CamelCase<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(CamelSer(s, false))
    }
}

/// A key of a length-less map, i.e. a field name emitted by `#[serde(flatten)]`.
struct FieldKey<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for FieldKey<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(CamelSer(s, true))
    }
}

/// The wrapping serializer. The flag is set while serializing a map key that
/// is really a field name; then (and only then) strings are converted.
struct CamelSer<S>(S, bool);

/// Forwards `fn name(self, args..)`; with `value` also wraps a trailing `&T`;
/// with `-> Assoc` wraps the returned compound.
macro_rules! forward_ser {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.0.$method($($arg),*)
        }
    )*};
    (value $($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<T: Serialize + ?Sized>(self, $($arg: $ty,)* v: &T) -> Result<S::Ok, S::Error> {
            self.0.$method($($arg,)* &CamelCase(v))
        }
    )*};
    (compound $($method:ident($($arg:ident: $ty:ty),*) -> $assoc:ident;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<Self::$assoc, S::Error> {
            self.0.$method($($arg),*).map(Wrap)
        }
    )*};
}

impl<S: Serializer> Serializer for CamelSer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Wrap<S::SerializeSeq>;
    type SerializeTuple = Wrap<S::SerializeTuple>;
    type SerializeTupleStruct = Wrap<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Wrap<S::SerializeTupleVariant>;
    type SerializeMap = MapSer<S::SerializeMap>;
    type SerializeStruct = StructSer<S::SerializeStruct>;
    type SerializeStructVariant = StructSer<S::SerializeStructVariant>;

    forward_ser! {
        serialize_bool(v: bool); serialize_i8(v: i8); serialize_i16(v: i16);
        serialize_i32(v: i32); serialize_i64(v: i64); serialize_i128(v: i128);
        serialize_u8(v: u8); serialize_u16(v: u16); serialize_u32(v: u32);
        serialize_u64(v: u64); serialize_u128(v: u128); serialize_f32(v: f32);
        serialize_f64(v: f64); serialize_char(v: char); serialize_bytes(v: &[u8]);
        serialize_none(); serialize_unit(); serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }
    forward_ser! { value
        serialize_some(); serialize_newtype_struct(name: &'static str);
        serialize_newtype_variant(name: &'static str, index: u32, variant: &'static str);
    }
    forward_ser! { compound
        serialize_seq(len: Option<usize>) -> SerializeSeq;
        serialize_tuple(len: usize) -> SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
            -> SerializeTupleVariant;
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        let v = if self.1 {
            snake_to_camel(v)
        } else {
            Cow::Borrowed(v)
        };
        self.0.serialize_str(&v)
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        match self.1 {
            true => self.serialize_str(&v.to_string()),
            false => self.0.collect_str(v),
        }
    }

    /// `None` length = a `#[serde(flatten)]` struct: its keys are field names.
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(MapSer(self.0.serialize_map(len)?, len.is_none()))
    }

    /// Names starting with `$` are private tokens of other crates
    /// (`$serde_json::private::RawValue`): forwarded untouched.
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(StructSer(
            self.0.serialize_struct(name, len)?,
            name.starts_with('$'),
        ))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Ok(StructSer(
            self.0.serialize_struct_variant(name, index, variant, len)?,
            false,
        ))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Sequence-like compound: wraps each element.
struct Wrap<C>(C);

macro_rules! wrap_compound {
    ($($tr:ident::$method:ident;)*) => {$(
        impl<C: $tr> $tr for Wrap<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
                self.0.$method(&CamelCase(v))
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    )*};
}

wrap_compound! {
    SerializeSeq::serialize_element; SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field; SerializeTupleVariant::serialize_field;
}

/// Struct-like compound: converts field names (unless raw), wraps values.
struct StructSer<C>(C, bool);

macro_rules! struct_compound {
    ($($tr:ident;)*) => {$(
        impl<C: $tr> $tr for StructSer<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn serialize_field<T>(&mut self, key: &'static str, v: &T) -> Result<(), C::Error>
            where
                T: Serialize + ?Sized,
            {
                match self.1 {
                    true => self.0.serialize_field(key, v),
                    false => self.0.serialize_field(camel_static(key), &CamelCase(v)),
                }
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.0.skip_field(if self.1 { key } else { camel_static(key) })
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    )*};
}

struct_compound! { SerializeStruct; SerializeStructVariant; }

/// Map compound: keys are converted only when the flag (length-less map) is set.
struct MapSer<M>(M, bool);

impl<M: SerializeMap> SerializeMap for MapSer<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), M::Error> {
        match self.1 {
            true => self.0.serialize_key(&FieldKey(k)),
            false => self.0.serialize_key(&CamelCase(k)),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), M::Error> {
        self.0.serialize_value(&CamelCase(v))
    }

    fn serialize_entry<K, V>(&mut self, k: &K, v: &V) -> Result<(), M::Error>
    where
        K: Serialize + ?Sized,
        V: Serialize + ?Sized,
    {
        match self.1 {
            true => self.0.serialize_entry(&FieldKey(k), &CamelCase(v)),
            false => self.0.serialize_entry(&CamelCase(k), &CamelCase(v)),
        }
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}
