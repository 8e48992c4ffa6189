//! Input: any core type read from camelCase keys.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::de::value::{BorrowedStrDeserializer, BytesDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::Deserialize;

use super::*;

// ---------------------------------------------------------------- input

/// Deserializes `T` (snake_case fields) from camelCase input.
///
/// To get error paths in the user's spelling, wrap the inner deserializer:
/// `from_camel_case(serde_path_to_error::Deserializer::new(value, &mut track))`.
pub fn from_camel_case<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(CamelCaseDeserializer(deserializer))
}

/// A `Deserializer` adapter reading struct field names in camelCase.
///
/// A key equal to the camel form of a field (`customerId`) is handed to the
/// struct as that field (`customer_id`). The snake spelling of a multi-word
/// field is refused (one canonical form for JS). Any other key is handed on
/// as written, and if the struct rejects it (`deny_unknown_fields`) the error
/// names it and lists the expected keys in camelCase; "missing field" errors
/// name the camel key too. Map keys and enum variant names are never converted.
pub struct CamelCaseDeserializer<D>(pub D);

/// How the keys of the next map are to be read.
#[derive(Clone, Copy)]
pub(super) enum Keys {
    /// Map keys are data: untouched.
    Data,
    /// Struct fields, names known: (snake names, their camel forms).
    Fields(&'static [&'static str], &'static [&'static str]),
    /// Struct fields, names unknown (flatten, internally tagged): camel → snake.
    Blind,
}

/// `Blind` if the visitor says (serde_derive wording) it builds a struct or
/// an internally tagged enum out of a map, else `Data`. Reads at most 24
/// bytes of the `expecting` text, without allocating.
fn keys_for<'de, V: Visitor<'de>>(visitor: &V) -> Keys {
    struct Expecting<'a, V>(&'a V);
    impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
    }
    struct Prefix([u8; 24], usize);
    impl fmt::Write for Prefix {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let n = s.len().min(self.0.len() - self.1);
            self.0[self.1..self.1 + n].copy_from_slice(&s.as_bytes()[..n]);
            self.1 += n;
            (self.1 < self.0.len()).then_some(()).ok_or(fmt::Error)
        }
    }
    let mut p = Prefix([0; 24], 0);
    let _ = write!(p, "{}", Expecting(visitor)); // Err only means "prefix full"
    let text = &p.0[..p.1];
    match text.starts_with(b"struct ") || text.starts_with(b"internally tagged enum ") {
        true => Keys::Blind,
        false => Keys::Data,
    }
}

/// Forwards `fn name(self, args.., visitor)` with the visitor wrapped.
macro_rules! forward_de {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Vis(visitor, Keys::Data))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for CamelCaseDeserializer<D> {
    type Error = D::Error;

    // Enum variant names are values: `deserialize_enum` keeps them as written.
    forward_de! {
        deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16();
        deserialize_u32(); deserialize_u64(); deserialize_u128(); deserialize_f32();
        deserialize_f64(); deserialize_char(); deserialize_str(); deserialize_string();
        deserialize_bytes(); deserialize_byte_buf(); deserialize_option(); deserialize_unit();
        deserialize_seq(); deserialize_identifier(); deserialize_ignored_any();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }

    /// Untagged enums and `serde_json::Value` come here: keys are left alone
    /// (see the module docs), except for internally tagged enums.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let keys = keys_for(&visitor);
        self.0.deserialize_any(Vis(visitor, keys))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let keys = keys_for(&visitor);
        self.0.deserialize_map(Vis(visitor, keys))
    }

    /// The inner deserializer is given the camel field names: formats that
    /// look fields up by name instead of listing the input's keys
    /// (serde_wasm_bindgen reads `obj[field]` for each field) need the names
    /// the input really uses. serde_json ignores the list.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name.starts_with('$') {
            // Another crate's private token (serde_json's RawValue): keep keys.
            return self
                .0
                .deserialize_struct(name, fields, Vis(visitor, Keys::Data));
        }
        let camel = camel_fields(fields);
        self.0
            .deserialize_struct(name, camel, Vis(visitor, Keys::Fields(fields, camel)))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Wraps a visitor so that whatever it is handed next is wrapped in turn.
struct Vis<V>(V, Keys);

macro_rules! forward_visit {
    ($($method:ident($($v:ident: $ty:ty)?);)*) => {$(
        fn $method<E: de::Error>(self, $($v: $ty)?) -> Result<Self::Value, E> {
            self.0.$method($($v)?)
        }
    )*};
    (wrap $($method:ident($tr:ident) => $wrap:path;)*) => {$(
        fn $method<A: $tr<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
            self.0.$method($wrap(a))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Vis<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit! {
        visit_bool(v: bool); visit_i8(v: i8); visit_i16(v: i16); visit_i32(v: i32);
        visit_i64(v: i64); visit_i128(v: i128); visit_u8(v: u8); visit_u16(v: u16);
        visit_u32(v: u32); visit_u64(v: u64); visit_u128(v: u128); visit_f32(v: f32);
        visit_f64(v: f64); visit_char(v: char); visit_str(v: &str);
        visit_borrowed_str(v: &'de str); visit_string(v: String); visit_bytes(v: &[u8]);
        visit_borrowed_bytes(v: &'de [u8]); visit_byte_buf(v: Vec<u8>);
        visit_none(); visit_unit();
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(CamelCaseDeserializer(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(CamelCaseDeserializer(d))
    }

    forward_visit! { wrap visit_seq(SeqAccess) => Seq; visit_enum(EnumAccess) => Enum; }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let result = self.0.visit_map(Map(map, self.1));
        match self.1 {
            Keys::Fields(snake, _) => result.map_err(|e| camel_missing_field(e, snake)),
            _ => result,
        }
    }
}

/// Wraps a seed so the value it reads goes through [`CamelCaseDeserializer`].
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(CamelCaseDeserializer(d))
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;
    fn next_element_seed<T>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error>
    where
        T: DeserializeSeed<'de>,
    {
        self.0.next_element_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Map<A>(A, Keys);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;
    fn next_key_seed<K>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error>
    where
        K: DeserializeSeed<'de>,
    {
        match self.1 {
            Keys::Data => self.0.next_key_seed(Seed(seed)),
            keys => self.0.next_key_seed(FieldSeed(seed, keys)),
        }
    }
    fn next_value_seed<T>(&mut self, seed: T) -> Result<T::Value, A::Error>
    where
        T: DeserializeSeed<'de>,
    {
        self.0.next_value_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Reads a struct field key and hands the struct its snake name.
pub(super) struct FieldSeed<S>(pub(super) S, pub(super) Keys);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FieldSeed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for FieldSeed<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<S::Value, E> {
        let Keys::Fields(snake, camel) = self.1 else {
            return match camel_to_snake(key) {
                Cow::Borrowed(k) => self.0.deserialize(k.into_deserializer()),
                Cow::Owned(k) => self.0.deserialize(k.into_deserializer()),
            };
        };
        if let Some(i) = camel.iter().position(|c| *c == key) {
            return self.0.deserialize(BorrowedStrDeserializer::new(snake[i]));
        }
        if snake.contains(&key) {
            let camel = snake_to_camel(key);
            return Err(E::custom(format_args!(
                "unknown field `{key}` (keys are camelCase: `{camel}`)"
            )));
        }
        // Unknown: the struct ignores it, or (deny_unknown_fields) rejects it,
        // in which case we re-word serde's error, which lists snake names.
        let result = self.0.deserialize(key.into_deserializer());
        result.map_err(|_: E| unknown_field(key, camel))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<S::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => self.0.deserialize(BytesDeserializer::new(key)),
        }
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<S::Value, E> {
        self.0.deserialize(index.into_deserializer())
    }
}

/// serde's "unknown field" message, listing the camel names.
fn unknown_field<E: de::Error>(key: &str, camel: &[&str]) -> E {
    let mut expected = String::new();
    for (i, field) in camel.iter().enumerate() {
        let _ = write!(expected, "{}`{field}`", if i == 0 { "" } else { ", " });
    }
    match camel.len() {
        0 => E::custom(format_args!("unknown field `{key}`, there are no fields")),
        1 => E::custom(format_args!("unknown field `{key}`, expected {expected}")),
        _ => E::custom(format_args!(
            "unknown field `{key}`, expected one of {expected}"
        )),
    }
}

/// Re-words serde's "missing field `max_gap_days`" (raised by the struct's
/// visitor, so not reachable otherwise) as "missing field `maxGapDays`", for
/// fields of this struct only; any other error is returned as it is. The
/// phrase may come after a prefix of the error type's own (napi writes
/// `InvalidArg, missing field …`), which `E::custom` puts back.
fn camel_missing_field<E: de::Error>(err: E, fields: &[&str]) -> E {
    const PHRASE: &str = "missing field `";
    let msg = err.to_string();
    match msg
        .find(PHRASE)
        .and_then(|at| msg[at + PHRASE.len()..].strip_suffix('`'))
    {
        Some(field) if has_camel_break(field) && fields.contains(&field) => {
            E::custom(format_args!("missing field `{}`", snake_to_camel(field)))
        }
        _ => err,
    }
}

struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;
    fn variant_seed<S>(self, seed: S) -> Result<(S::Value, Self::Variant), A::Error>
    where
        S: DeserializeSeed<'de>,
    {
        let (value, variant) = self.0.variant_seed(seed)?;
        Ok((value, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;
    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }
    fn newtype_variant_seed<S>(self, seed: S) -> Result<S::Value, A::Error>
    where
        S: DeserializeSeed<'de>,
    {
        self.0.newtype_variant_seed(Seed(seed))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Vis(visitor, Keys::Data))
    }
    fn struct_variant<V>(self, fields: &'static [&'static str], v: V) -> Result<V::Value, A::Error>
    where
        V: Visitor<'de>,
    {
        let camel = camel_fields(fields);
        self.0
            .struct_variant(camel, Vis(v, Keys::Fields(fields, camel)))
    }
}
