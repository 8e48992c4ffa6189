//! camelCase views of the core's snake_case serde forms, for the JS bindings.
//!
//! The Rust core serializes with snake_case field names (`customer_id`), which
//! stays its canonical serde form (files, CLI, Rust users). JavaScript users
//! see camelCase (`customerId`). Only **struct field names** are converted;
//! map keys are data (channel `in_store`, segment `at_risk`, event property
//! names, stage kinds `add_to_cart`) and enum variant names are values
//! (`"page_view"`), so both pass unchanged.
//!
//! * Output: [`CamelCase`] wraps any `T: Serialize` for any `Serializer`
//!   (serde_json, `serde_wasm_bindgen::Serializer::json_compatible()`, ...).
//!   Structs stay structs for the inner serializer, with `'static` camel
//!   names interned once per field name.
//! * Input: [`from_camel_case`] / [`CamelCaseDeserializer`] wrap any
//!   `Deserializer`. Put `serde_path_to_error::Deserializer` *inside* it so
//!   error paths name the keys the user wrote (`steps[1].withinSeconds`);
//!   outside, it would record the snake names. The readers built on it:
//!   [`options_from_camel_value`](crate::options_from_camel_value),
//!   [`with_camel_options`](crate::with_camel_options) and the camelCase event
//!   readers of [`ingest`](crate::ingest) (`read_camel_records`, ...).
//! * Error paths: checks that run after deserializing name snake fields;
//!   [`camel_path`] / [`camel_error`] respell them by following the path through
//!   the checked value's serde form (fields converted, map keys kept).
//!
//! Why hand-written: `#[serde(rename_all = "camelCase")]` is compile-time and
//! would change the core's own form. Among published crates, `serde_hooks`
//! renames struct fields at runtime but only when serializing, and key
//! transforms such as allframe-core's `KeyTransform` rewrite *every* JSON key,
//! map keys included. (`cargo search` is not served by this registry mirror;
//! crates were looked up by documentation search.) Nothing converts struct
//! fields only, in both directions, for any (de)serializer, so this adapter
//! forwards every serde call and renames only where serde says "field".
//!
//! # Conversion rule (digits)
//! [`snake_to_camel`] removes a `_` only when a lowercase ASCII letter follows
//! it, and uppercases that letter: `p_alive` → `pAlive`, `p50_ms` → `p50Ms`.
//! A `_` before a digit stays: `top_3` → `top_3`, `day_7_rate` → `day_7Rate`.
//! [`camel_to_snake`] turns each ASCII uppercase letter `X` into `_x`. The two
//! are exact inverses on every string without ASCII uppercase letters, so each
//! snake name has exactly one camel spelling. (serde's own `rename_all` turns
//! `top_3` into `top3`, which collides with a field named `top3`.)
//!
//! # Where serde does not say "struct"
//! * `#[serde(flatten)]`: serde_derive serializes such a struct with
//!   `serialize_map(None)` and its field names as map keys, while real maps
//!   (`BTreeMap`, `HashMap`, `serde_json::Map`, anything using `collect_map`
//!   with an exact `size_hint`) call `serialize_map(Some(len))`. So string keys
//!   of a length-less map are converted, keys of a sized map are not. On input,
//!   serde_derive deserializes a flattening struct with `deserialize_map` and a
//!   visitor whose `expecting` text starts with `"struct "`; such maps get their
//!   keys converted camel → snake. Both heuristics rely on serde_derive details
//!   and are pinned by tests. Consequences: the keys of a *map* flattened into
//!   a struct, or of a hand-written map of unknown length, are converted too.
//! * Internally tagged enums (`#[serde(tag = "code")]`) are read through
//!   `deserialize_any` and buffered in serde's private `Content`. Keys of the
//!   top level of the variant (visitor expecting `"internally tagged enum "`)
//!   are converted (snake spellings are not refused there); maps nested deeper
//!   inside the variant are not.
//! * Untagged enums: buffered the same way behind a visitor expecting "any
//!   value", indistinguishable from `serde_json::Value`, so the keys of a struct
//!   inside an untagged enum are NOT converted (JS must use snake names there).
//! * `#[serde(expecting = "...")]` on a flattening struct defeats the input
//!   heuristic.
//!
//! # serde_wasm_bindgen
//! Its `deserialize_struct` never lists an object's keys: it reads
//! `obj[name]` for each name it is given. This adapter therefore passes the
//! camel names down, so `maxGapDays` is found; but unknown or snake keys are
//! never seen there, so neither `deny_unknown_fields` nor the snake refusal
//! fires. For the same checks and messages as serde_json, read the `JsValue`
//! into a `serde_json::Value` first and deserialize that with this adapter.

#![warn(missing_docs)]

mod de;
mod path;
mod ser;
#[cfg(test)]
mod tests;

pub use de::{from_camel_case, CamelCaseDeserializer};
pub use path::{camel_error, camel_head, camel_path};
pub use ser::CamelCase;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{OnceLock, PoisonError, RwLock};

// ---------------------------------------------------------------- names

/// Converts a snake_case name to camelCase: every `_` followed by a lowercase
/// ASCII letter is removed and the letter uppercased; anything else (digits,
/// a `_` before a digit or another `_`) is kept, so `top_3` stays `top_3`.
/// Borrows when nothing changes (`nps`, `kind`).
pub fn snake_to_camel(name: &str) -> Cow<'_, str> {
    if has_camel_break(name) {
        Cow::Owned(camel_chars(name).collect())
    } else {
        Cow::Borrowed(name)
    }
}

/// Converts a camelCase name to snake_case: every ASCII uppercase letter `X`
/// becomes `_x`. Inverse of [`snake_to_camel`] on every string that has no
/// ASCII uppercase letter: `camel_to_snake(&snake_to_camel(k)) == k`.
pub fn camel_to_snake(name: &str) -> Cow<'_, str> {
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn has_camel_break(name: &str) -> bool {
    name.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'_' && w[1].is_ascii_lowercase())
}

/// The characters of `snake_to_camel(name)`, without allocating.
fn camel_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    let b = name.as_bytes();
    name.char_indices().filter_map(move |(i, c)| {
        if c == '_' && b.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            None
        } else if i > 0 && b[i - 1] == b'_' && c.is_ascii_lowercase() {
            Some(c.to_ascii_uppercase())
        } else {
            Some(c)
        }
    })
}

/// `snake_to_camel` for the `&'static str` field names that serde's struct
/// calls require. Each distinct name is leaked once (field names are a finite
/// set fixed at compile time, so the memory is bounded). Hot path: a
/// per-thread map keyed by the name's address, without locks or string
/// hashing (a field is looked up once per serialized struct value).
fn camel_static(field: &'static str) -> &'static str {
    type Local = HashMap<(usize, usize), &'static str, BuildHasherDefault<AddrHasher>>;
    thread_local!(static LOCAL: RefCell<Local> = RefCell::default());
    static GLOBAL: Cache<&'static str, &'static str> = OnceLock::new();
    if !has_camel_break(field) {
        return field;
    }
    let leak = || Box::leak(snake_to_camel(field).into_owned().into_boxed_str()) as &str;
    let addr = (field.as_ptr() as usize, field.len());
    let global = || interned(&GLOBAL, field, leak);
    // `try_with`: thread-local storage is gone while a thread shuts down.
    let local = LOCAL.try_with(|local| *local.borrow_mut().entry(addr).or_insert_with(global));
    local.unwrap_or_else(|_| global())
}

/// FxHash-style hasher for address keys.
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(b.into()));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The camel names of a struct's `FIELDS`, as a `'static` slice (leaked once
/// per distinct `FIELDS` constant, keyed by address).
fn camel_fields(fields: &'static [&'static str]) -> &'static [&'static str] {
    static CACHE: Cache<(usize, usize), &'static [&'static str]> = OnceLock::new();
    if !fields.iter().any(|f| has_camel_break(f)) {
        return fields;
    }
    let key = (fields.as_ptr() as usize, fields.len());
    interned(&CACHE, key, || {
        Box::leak(fields.iter().map(|f| camel_static(f)).collect())
    })
}

/// A process-wide, append-only map (interned names).
type Cache<K, V> = OnceLock<RwLock<HashMap<K, V>>>;

fn interned<K: Hash + Eq, V: Copy>(cache: &Cache<K, V>, key: K, make: impl FnOnce() -> V) -> V {
    let cache = cache.get_or_init(Default::default);
    if let Some(&v) = cache
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return v;
    }
    let mut write = cache.write().unwrap_or_else(PoisonError::into_inner);
    *write.entry(key).or_insert_with(make)
}
