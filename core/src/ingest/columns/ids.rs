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

use crate::dataset::in_parallel::{map, pool_threads, ranges, split_by_lengths};
use foldhash::fast::{RandomState, SeedableRandomState};
use foldhash::SharedSeed;
use hashbrown::hash_table::{Entry, HashTable};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

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
///
/// The slots are split into [`SHARDS`] tables by bits of the hash (not the ones hashbrown
/// uses), so that [`index_all`](Self::index_all) can look a run of rows up shard by shard
/// in parallel and still number new ids in order of first sight.
pub(super) struct IdTable<'a> {
    shards: Vec<Shard<'a>>,
    pub(super) keys: Vec<IdKey<'a>>,
    /// This table's random seed: ids cannot be crafted to collide in it.
    seed: SeedableRandomState,
}

/// One shard of an [`IdTable`]: its slots, and during [`IdTable::index_all`] the ids it
/// saw first, not numbered yet.
struct Shard<'a> {
    slots: HashTable<Slot>,
    /// `(position, id)` of each id new to the table in this run (its slot's index is
    /// `PENDING | n`, `n` its place here).
    pending: Vec<(u32, Hashed<'a>)>,
    /// The number each pending id was given.
    numbered: Vec<u32>,
}

/// The number of shards of an [`IdTable`].
const SHARDS: usize = 16;
/// Bits 32..36 of the hash choose the shard (hashbrown uses the low bits and the top 7).
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize & (SHARDS - 1)
}

/// A slot's index, or a result of [`IdTable::index_all`]'s lookups, not numbered yet:
/// `PENDING | place << 4 | shard` (`FIRST` too where the id is first seen).
const PENDING: u32 = 1 << 31;
const FIRST: u32 = 1 << 30;
/// The most ids a table may number, and rows [`IdTable::index_all`] may take at once.
pub(super) const MAX_IDS: usize = 1 << 30;
/// The most rows [`IdTable::index_all`] takes at once (a place must fit in 26 bits).
pub(super) const MAX_RUN: usize = 1 << 26;
/// An id of no customer (a rejected row).
pub(super) const NO_ID: u32 = u32::MAX;

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
    pub(super) key: IdKey<'a>,
    words: [u64; 2],
    hash: u64,
}

impl<'a> Shard<'a> {
    /// The slot index of `id` (a number, or `PENDING | n`), adding it as pending `n` (first
    /// seen at `pos`) if new: `(index, new)`.
    #[inline]
    fn find_or_add(
        &mut self,
        id: Hashed<'a>,
        keys: &[IdKey<'a>],
        seed: &SeedableRandomState,
        number: impl FnOnce(&mut Vec<(u32, Hashed<'a>)>) -> u32,
    ) -> (u32, bool) {
        let Shard { slots, pending, .. } = self;
        let same = |s: &Slot| {
            s.key == id.words
                && (id.words[1] != u64::MAX
                    || match s.index {
                        i if i & PENDING != 0 => pending[(i & !PENDING) as usize].1.key == id.key,
                        i => keys[i as usize] == id.key,
                    })
        };
        // A long id's slot keeps its hash: only short ids are hashed again when the table grows.
        let rehash = |s: &Slot| match s.key {
            [hash, u64::MAX] => hash,
            words => hash_words(seed, words),
        };
        match slots.entry(id.hash, same, rehash) {
            Entry::Occupied(e) => (e.get().index, false),
            Entry::Vacant(e) => {
                let index = number(pending);
                e.insert(Slot {
                    key: id.words,
                    index,
                });
                (index, true)
            }
        }
    }
}

impl<'a> IdTable<'a> {
    pub(super) fn new() -> Self {
        IdTable {
            shards: (0..SHARDS)
                .map(|_| Shard {
                    slots: HashTable::with_capacity(512 / SHARDS),
                    pending: Vec::new(),
                    numbered: Vec::new(),
                })
                .collect(),
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
        let IdTable { shards, keys, seed } = self;
        let next = keys.len() as u32;
        let (index, new) = shards[shard_of(id.hash)].find_or_add(id, keys, seed, |_| next);
        if new {
            keys.push(id.key);
        }
        (index, new)
    }
}
impl<'a> IdTable<'a> {
    /// The index of the id at each position `0..n` (`id(pos)`; [`NO_ID`] where it is
    /// `None`), numbering new ids in order of first sight exactly as [`index`](Self::index)
    /// would one position after the other; the shards look their ids up in parallel.
    ///
    /// `n` is at most [`MAX_RUN`], and `keys.len() + n` at most [`MAX_IDS`].
    pub(super) fn index_all(
        &mut self,
        n: usize,
        id: impl Fn(usize) -> Option<Hashed<'a>> + Sync,
    ) -> Vec<u32> {
        let pieces = ranges(n, pool_threads() * 4);
        // Each piece's positions per shard, in order.
        let lists: Vec<Vec<Vec<u32>>> = map(pieces.clone(), |r| {
            let mut lists = vec![Vec::new(); SHARDS];
            for pos in r {
                if let Some(h) = id(pos) {
                    lists[shard_of(h.hash)].push(pos as u32);
                }
            }
            lists
        });
        let found: Vec<AtomicU32> = (0..n).map(|_| AtomicU32::new(NO_ID)).collect();
        let (found, id) = (&found[..], &id);
        let IdTable { shards, keys, seed } = self;
        // 1. Each shard looks its ids up in position order; a new one is pending.
        let (known, seed, lists) = (&keys[..], &*seed, &lists);
        map(shards.iter_mut().enumerate().collect(), |(s, shard)| {
            for &pos in lists.iter().flat_map(|l| &l[s]) {
                let Some(h) = id(pos as usize) else { continue };
                let (index, new) = shard.find_or_add(h, known, seed, |pending| {
                    pending.push((pos, h));
                    PENDING | (pending.len() - 1) as u32
                });
                let v = match index & PENDING {
                    0 => index,
                    _ => PENDING | ((index & !PENDING) << 4) | s as u32 | (FIRST * u32::from(new)),
                };
                found[pos as usize].store(v, Relaxed);
            }
        });
        // 2. The positions where an id is first seen are numbered in position order.
        let is_first = |v: u32| v != NO_ID && v & (PENDING | FIRST) == PENDING | FIRST;
        let firsts = map(pieces.clone(), |r| {
            r.filter(|&p| is_first(found[p].load(Relaxed))).count()
        });
        let base = keys.len();
        keys.resize(base + firsts.iter().sum::<usize>(), IdKey::Short([0, 0]));
        let mut next = base;
        let jobs = (pieces.iter().cloned())
            .zip(split_by_lengths(&mut keys[base..], firsts))
            .map(|(r, new_keys)| {
                let start = next;
                next += new_keys.len();
                (r, new_keys, start)
            })
            .collect();
        map(jobs, |(r, new_keys, start)| {
            let firsts = r.filter(|&p| is_first(found[p].load(Relaxed)));
            for (j, pos) in firsts.enumerate() {
                if let Some(h) = id(pos) {
                    new_keys[j] = h.key;
                }
                found[pos].store((start + j) as u32, Relaxed);
            }
        });
        // 3. Each shard's pending slots take their numbers.
        map(shards.iter_mut().collect(), |shard| {
            let Shard {
                slots,
                pending,
                numbered,
            } = shard;
            numbered.clear();
            for (n, (pos, h)) in pending.iter().enumerate() {
                let number = found[*pos as usize].load(Relaxed);
                numbered.push(number);
                let mark = PENDING | n as u32;
                if let Some(slot) = slots.find_mut(h.hash, |s| s.index == mark) {
                    slot.index = number;
                }
            }
            pending.clear();
        });
        // 4. The other positions of the ids first seen in this run.
        let shards = &shards[..];
        map(pieces, |r| {
            for pos in r {
                let v = found[pos].load(Relaxed);
                if v != NO_ID && v & PENDING != 0 {
                    let place = ((v & !(PENDING | FIRST)) >> 4) as usize;
                    let number = shards[(v & 15) as usize].numbered[place];
                    found[pos].store(number, Relaxed);
                }
            }
        });
        (0..n).map(|p| found[p].load(Relaxed)).collect()
    }
}

/// The maps of the columnar reader keyed by the caller's text (channel, kind and survey
/// names): seeded per map like the id table, so crafted names cannot collide on purpose.
pub(super) type FastMap<K, V> = HashMap<K, V, SeedableRandomState>;

/// An empty [`FastMap`] with its own seed ([`table_seed`]).
pub(super) fn fast_map<K, V>() -> FastMap<K, V> {
    HashMap::with_hasher(table_seed())
}

/// Numbers the ids of `column` in order of first sight, in a table seeded as the reader's
/// (no hash flooding): each row's number ([`NO_ID`] where the id is null) and the distinct
/// ids in number order. For analyses that read plain columns of ids
/// (`purchase_histories_from_transactions`); the ids are not checked here. `None` for a
/// column of more than [`MAX_ID_ROWS`] rows.
///
/// One thread: on a busy two-core machine the reader's sharded parallel table
/// (`IdTable::index_all`) was no faster here (benches/benches/purchase_histories.rs), and a
/// row with the id of the row before (data grouped by customer) is not looked up at all.
pub(crate) fn number_ids<'a, C: super::StrColumn + ?Sized>(
    column: &'a C,
) -> Option<(Vec<u32>, Vec<&'a str>)> {
    let n = column.len();
    if n > MAX_ID_ROWS {
        return None;
    }
    let seed = table_seed();
    let mut slots: HashTable<u32> = HashTable::with_capacity((n / 8).min(1 << 22));
    let mut ids: Vec<&'a str> = Vec::new();
    let mut numbers: Vec<u32> = Vec::with_capacity(n);
    let mut last: Option<(&str, u32)> = None;
    for row in 0..n {
        let k = match column.get(row) {
            None => NO_ID,
            Some(id) if last.is_some_and(|(l, _)| l == id) => last.map_or(NO_ID, |(_, k)| k),
            Some(id) => {
                let hash = seed.hash_one(id);
                let same = |&k: &u32| ids[k as usize] == id;
                let k = match slots.entry(hash, same, |&k| seed.hash_one(ids[k as usize])) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        let k = ids.len() as u32;
                        ids.push(id);
                        e.insert(k);
                        k
                    }
                };
                last = Some((id, k));
                k
            }
        };
        numbers.push(k);
    }
    Some((numbers, ids))
}

/// The most rows [`number_ids`] numbers.
pub(crate) const MAX_ID_ROWS: usize = MAX_IDS;

/// The number of a null id in [`number_ids`].
pub(crate) const NULL_ID: u32 = NO_ID;

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
    fn ids_numbered_together_are_numbered_as_one_at_a_time() {
        let ids: Vec<Option<String>> = (0..20_000)
            .map(|i: u64| match i % 11 {
                0 => None,
                k if k < 4 => Some(format!("a-rather-long-customer-id-{}", i * 7 % 3001)),
                _ => Some(format!("c{}", i * 13 % 5003)),
            })
            .collect();
        let (mut one, mut all) = (IdTable::new(), IdTable::new());
        // Two runs, the second with ids of the first.
        for run in [0..12_000, 12_000..20_000] {
            let ids = &ids[run];
            let expected: Vec<u32> = (ids.iter())
                .map(|id| {
                    id.as_deref()
                        .map_or(NO_ID, |id| one.index(one.hashed(id)).0)
                })
                .collect();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build();
            let got = pool.unwrap().install(|| {
                let hashed: Vec<_> = ids
                    .iter()
                    .map(|id| id.as_deref().map(|id| all.hashed(id)))
                    .collect();
                all.index_all(ids.len(), |p| hashed[p])
            });
            assert_eq!(got, expected);
        }
        let texts = |t: &IdTable| t.keys.iter().map(IdKey::text).collect::<Vec<_>>();
        assert_eq!(texts(&all), texts(&one));
        // The table goes on numbering one at a time where the runs left it.
        let next = all.keys.len() as u32;
        assert_eq!(all.index(all.hashed("c1")), one.index(one.hashed("c1")));
        assert_eq!(all.index(all.hashed("new")), (next, true));
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
