//! The customer-id lookup table of the columnar reader.
//!
//! Customer ids come from the public internet, so the table must not let crafted ids
//! collide on purpose (hash flooding): it is hashbrown's SwissTable with foldhash seeded
//! per table ([`RandomState`]), never a fixed hash. `benches/benches/id_flooding.rs` reads
//! ids crafted against the former fixed hash next to random ids of the same length.

use foldhash::fast::RandomState;
use hashbrown::hash_table::{Entry, HashTable};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

pub(super) const BLOCK: usize = 64;

/// A customer id as a table key: up to 15 bytes packed inline (the bytes, then the length
/// in the last byte, so "a" and "a\0" differ), comparable without following a pointer (and
/// without a cache miss); longer ids borrowed from the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdKey<'a> {
    Short([u64; 2]),
    Long(&'a str),
}

impl<'a> IdKey<'a> {
    /// The key of `id`.
    #[inline]
    fn of(id: &'a str) -> IdKey<'a> {
        let b = id.as_bytes();
        if b.len() > 15 {
            return IdKey::Long(id);
        }
        let mut word = [0u8; 16];
        word[..b.len()].copy_from_slice(b);
        word[15] = b.len() as u8;
        let (lo, hi) = word.split_at(8);
        IdKey::Short([lo, hi].map(|half| u64::from_le_bytes(half.try_into().unwrap_or_default())))
    }

    /// The id as an owned string.
    pub(super) fn text(&self) -> String {
        match *self {
            IdKey::Short([lo, hi]) => {
                let mut word = [0u8; 16];
                word[..8].copy_from_slice(&lo.to_le_bytes());
                word[8..].copy_from_slice(&hi.to_le_bytes());
                let len = usize::from(word[15]).min(15);
                // The bytes came from a `str` cut at its end, so they are valid UTF-8.
                String::from_utf8_lossy(&word[..len]).into_owned()
            }
            IdKey::Long(s) => s.to_string(),
        }
    }
}

/// A short id's words hashed with the table's seed.
#[inline]
fn hash_words(seed: &RandomState, [lo, hi]: [u64; 2]) -> u64 {
    let mut h = seed.build_hasher();
    h.write_u64(lo);
    h.write_u64(hi);
    h.finish()
}

/// Customer ids → customer index. A slot holds the key itself when the id is short (so a
/// hit costs one cache miss, not two), else the id's hash with the id borrowed in `keys`.
/// Customers are numbered in order of first sight; `keys` lists them in that order.
pub(super) struct IdTable<'a> {
    slots: HashTable<Slot>,
    pub(super) keys: Vec<IdKey<'a>>,
    /// This table's random seed: ids cannot be crafted to collide in it.
    seed: RandomState,
}

/// A table slot: `key` is the short id's words, or for a long id its hash and `u64::MAX`
/// (a short key's last byte is its length, at most 15, so it can't look like that).
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: [u64; 2],
    index: u32,
}

/// An id looked up in an [`IdTable`]: its key, its slot words and its hash.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hashed<'a> {
    key: IdKey<'a>,
    words: [u64; 2],
    hash: u64,
}

impl<'a> IdTable<'a> {
    pub(super) fn new() -> Self {
        IdTable {
            slots: HashTable::with_capacity(512),
            keys: Vec::new(),
            seed: RandomState::default(),
        }
    }

    /// `id` hashed for this table.
    #[inline]
    pub(super) fn hashed(&self, id: &'a str) -> Hashed<'a> {
        let key = IdKey::of(id);
        match key {
            IdKey::Short(words) => Hashed {
                key,
                words,
                hash: hash_words(&self.seed, words),
            },
            IdKey::Long(s) => {
                let hash = self.seed.hash_one(s);
                Hashed {
                    key,
                    words: [hash, u64::MAX],
                    hash,
                }
            }
        }
    }

    /// The index of `id`, numbering it next if it is new; true when it is new.
    #[inline]
    pub(super) fn index(&mut self, id: Hashed<'a>) -> (u32, bool) {
        let IdTable { slots, keys, seed } = self;
        let same = |s: &Slot| {
            s.key == id.words && (id.words[1] != u64::MAX || keys[s.index as usize] == id.key)
        };
        // A long id's slot keeps its hash: only short ids are hashed again when the table grows.
        let rehash = |s: &Slot| match s.key {
            [hash, u64::MAX] => hash,
            words => hash_words(seed, words),
        };
        match slots.entry(id.hash, same, rehash) {
            Entry::Occupied(e) => (e.get().index, false),
            Entry::Vacant(e) => {
                let index = keys.len() as u32;
                e.insert(Slot {
                    key: id.words,
                    index,
                });
                keys.push(id.key);
                (index, true)
            }
        }
    }
}

/// The maps of the columnar reader keyed by the caller's text (channel, kind and survey
/// names): seeded per map like the id table, so crafted names cannot collide on purpose.
pub(super) type FastMap<K, V> = HashMap<K, V, RandomState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_are_numbered_in_order_of_first_sight() {
        let ids: Vec<String> = (0..5000)
            .map(|i| match i % 3 {
                0 => format!("c{i}"),
                1 => format!("a-rather-long-customer-id-{i}"),
                _ => "x".repeat(i % 20),
            })
            .collect();
        let mut table = IdTable::new();
        let mut expected: Vec<&str> = Vec::new();
        for id in &ids {
            let (index, new) = table.index(table.hashed(id));
            let first = expected.iter().position(|e| e == id);
            assert_eq!(new, first.is_none());
            if first.is_none() {
                expected.push(id);
            }
            assert_eq!(index as usize, first.unwrap_or(expected.len() - 1));
        }
        let texts: Vec<String> = table.keys.iter().map(IdKey::text).collect();
        assert_eq!(texts, expected);
        // "a" and "a\0" differ (the length is part of a short key).
        let (a, _) = table.index(table.hashed("a"));
        let (a0, new) = table.index(table.hashed("a\0"));
        assert!(new && a != a0);
    }

    #[test]
    fn each_table_has_its_own_seed() {
        let (a, b) = (IdTable::new(), IdTable::new());
        let differ = (0..64)
            .map(|i| format!("c{i}"))
            .filter(|id| a.hashed(id).hash != b.hashed(id).hash)
            .count();
        assert!(differ > 60, "two tables hash alike: {differ} of 64 differ");
    }
}
