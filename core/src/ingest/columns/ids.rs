//! The customer-id lookup table of the columnar reader.
//!
//! Customer ids come from the public internet, so the table must not let crafted ids
//! collide on purpose (hash flooding): it is hashbrown's SwissTable with foldhash seeded
//! per table, never a fixed hash. `benches/benches/id_flooding.rs` reads ids crafted
//! against the former fixed hash next to random ids of the same length.
//!
//! Each table's seed is foldhash's own per-table seed mixed with the caller's entropy
//! ([`seed_hashing`]): on native targets foldhash's seed is random already; on
//! `wasm32-unknown-unknown` it has no source of randomness (the same seeds on every page
//! load), so the browser binding gives it some at start-up.

use foldhash::fast::{RandomState, SeedableRandomState};
use foldhash::SharedSeed;
use hashbrown::hash_table::{Entry, HashTable};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// The caller's entropy, mixed into every table's seed (see [`seed_hashing`]).
static ENTROPY: AtomicU64 = AtomicU64::new(0);

/// Mixes `entropy` (random bytes from the host, e.g. `crypto.getRandomValues` in a browser)
/// into the seeds of the columnar reader's hash tables, process-wide, from the next read on.
///
/// Native builds need not call it: their seeds are random already. On
/// `wasm32-unknown-unknown` the hasher has no randomness of its own, so its seeds are the
/// same on every page load and crafted customer ids could collide on purpose (hash
/// flooding); the browser binding calls this once when its instance starts. Each call adds
/// to what earlier calls gave (it never undoes them).
pub fn seed_hashing(entropy: u64) {
    let _ = ENTROPY.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |old| {
        Some(mix(old, entropy))
    });
}

/// `old` and `new` stirred together (a multiply-xorshift round: every bit of both counts).
fn mix(old: u64, new: u64) -> u64 {
    let x = (old.rotate_left(32) ^ new).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The seed of a table given foldhash's own per-table seed `base` and the caller's entropy.
fn seed_with(base: u64, entropy: u64) -> SeedableRandomState {
    SeedableRandomState::with_seed(mix(base, entropy), SharedSeed::global_random())
}

/// A new table's seed: foldhash's per-table seed (random on native targets, distinct per
/// table everywhere) mixed with [`seed_hashing`]'s entropy.
pub(super) fn table_seed() -> SeedableRandomState {
    let base = RandomState::default().build_hasher().finish();
    seed_with(base, ENTROPY.load(Ordering::Relaxed))
}

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
fn hash_words(seed: &SeedableRandomState, [lo, hi]: [u64; 2]) -> u64 {
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
    seed: SeedableRandomState,
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
            seed: table_seed(),
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
pub(super) type FastMap<K, V> = HashMap<K, V, SeedableRandomState>;

/// An empty [`FastMap`] with its own seed ([`table_seed`]).
pub(super) fn fast_map<K, V>() -> FastMap<K, V> {
    HashMap::with_hasher(table_seed())
}

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

    /// How many of 64 ids two seeds hash alike.
    fn alike(a: &SeedableRandomState, b: &SeedableRandomState) -> usize {
        (0..64)
            .map(|i| format!("customer-{i}"))
            .filter(|id| a.hash_one(id) == b.hash_one(id))
            .count()
    }

    #[test]
    fn the_callers_entropy_changes_every_seed() {
        // The same per-table seed (as on wasm32, where foldhash's is the same on every page
        // load) with different entropy hashes ids differently; with the same, alike.
        let base = 0x1234_5678_9ABC_DEF0;
        assert_eq!(alike(&seed_with(base, 7), &seed_with(base, 7)), 64);
        assert_eq!(alike(&seed_with(base, 7), &seed_with(base, 8)), 0);
        assert_eq!(alike(&seed_with(base, 0), &seed_with(base, 1 << 63)), 0);
        // seed_hashing changes the entropy new tables are seeded with, and a second call with
        // the same bytes does not undo the first.
        let before = ENTROPY.load(Ordering::Relaxed);
        seed_hashing(0xDEAD_BEEF);
        let once = ENTROPY.load(Ordering::Relaxed);
        seed_hashing(0xDEAD_BEEF);
        let twice = ENTROPY.load(Ordering::Relaxed);
        assert!(before != once && once != twice && twice != before);
        assert_eq!(alike(&seed_with(base, before), &seed_with(base, once)), 0);
        // Tables made after the calls still each have their own seed and number ids alike.
        let (a, b) = (IdTable::new(), IdTable::new());
        assert!(alike(&a.seed, &b.seed) < 4);
    }
}
