//! The customer-id lookup table of the columnar reader.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// The key of `id` and its hash.
    #[inline]
    pub(super) fn of(id: &'a str) -> (IdKey<'a>, u64) {
        let b = id.as_bytes();
        let key = if b.len() > 15 {
            IdKey::Long(id)
        } else {
            let mut word = [0u8; 16];
            word[..b.len()].copy_from_slice(b);
            word[15] = b.len() as u8;
            let (lo, hi) = word.split_at(8);
            IdKey::Short(
                [lo, hi].map(|half| u64::from_le_bytes(half.try_into().unwrap_or_default())),
            )
        };
        (key, key.hash())
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

    #[inline]
    pub(super) fn hash(&self) -> u64 {
        let mut h = FxHasher::default();
        match *self {
            IdKey::Short([lo, hi]) => {
                h.add(lo);
                h.add(hi);
            }
            IdKey::Long(s) => h.write(s.as_bytes()),
        }
        h.finish()
    }
}

/// Customer ids → customer index: open addressing with linear probing, load factor at most
/// 1/2. A slot holds the key itself when the id is short (so that a hit costs one cache
/// miss, not two), else the id's hash with the id borrowed in `keys`; [`prefetch`]
/// (IdTable::prefetch) lets a block of lookups overlap their misses. Customers are numbered
/// in order of first sight; `keys` lists them in that order.
pub(super) struct IdTable<'a> {
    pub(super) slots: Vec<Slot>,
    pub(super) keys: Vec<IdKey<'a>>,
}

/// A table slot: `index` is the customer index + 1 (0 = empty); `key` is the short id's
/// words, or for a long id its hash and `u64::MAX` (a short key's last byte is its length,
/// at most 15, so it can't look like that).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Slot {
    key: [u64; 2],
    index: u32,
}

impl Slot {
    #[inline]
    pub(super) fn words((key, hash): (IdKey<'_>, u64)) -> [u64; 2] {
        match key {
            IdKey::Short(w) => w,
            IdKey::Long(_) => [hash, u64::MAX],
        }
    }
}

impl<'a> IdTable<'a> {
    pub(super) fn new() -> Self {
        IdTable {
            slots: vec![Slot::default(); 1024],
            keys: Vec::new(),
        }
    }

    /// Touches the home slot of each id, so that the lookups that follow hit the cache.
    #[inline]
    pub(super) fn prefetch(&self, ids: &[Option<(IdKey<'a>, u64)>]) {
        let mask = self.slots.len() - 1;
        let mut sum = 0u32;
        for &(_, h) in ids.iter().flatten() {
            sum = sum.wrapping_add(self.slots[h as usize & mask].index);
        }
        std::hint::black_box(sum);
    }

    /// The index of `key`, or the empty slot where it would go.
    #[inline]
    pub(super) fn find(&self, key: (IdKey<'a>, u64)) -> std::result::Result<u32, usize> {
        let words = Slot::words(key);
        let mask = self.slots.len() - 1;
        let mut i = key.1 as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.index == 0 {
                return Err(i);
            }
            if slot.key == words
                && (words[1] != u64::MAX || self.keys[slot.index as usize - 1] == key.0)
            {
                return Ok(slot.index - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `key` at the empty `slot` that [`find`](Self::find) gave; returns its index.
    pub(super) fn insert(&mut self, slot: usize, key: (IdKey<'a>, u64)) -> u32 {
        let c = self.keys.len() as u32;
        self.keys.push(key.0);
        self.slots[slot] = Slot {
            key: Slot::words(key),
            index: c + 1,
        };
        if self.keys.len() * 2 > self.slots.len() {
            self.grow();
        }
        c
    }

    /// Doubles the slots.
    pub(super) fn grow(&mut self) {
        let n = self.slots.len() * 2;
        let mut slots = vec![Slot::default(); n];
        for (c, &key) in self.keys.iter().enumerate() {
            let hash = key.hash();
            let mut i = hash as usize & (n - 1);
            while slots[i].index != 0 {
                i = (i + 1) & (n - 1);
            }
            slots[i] = Slot {
                key: Slot::words((key, hash)),
                index: c as u32 + 1,
            };
        }
        self.slots = slots;
    }
}

/// FxHash (as in rustc) with a final mix: fast for the short keys of the lookup tables.
/// The tables only speed up interning; the dataset's own maps are the builder's.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    pub(super) fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply only carries low bits upwards, and the table indexes by the low
        // bits: without this final mix, ids that differ only in their last characters
        // ("c0001234", "c0001235") would collide. (murmur3's fmix64.)
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
