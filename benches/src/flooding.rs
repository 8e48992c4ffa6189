//! Customer ids crafted to flood the columnar reader's former id table (issue 8): an
//! open-addressing table indexed by an unseeded FxHash (the multiply-rotate of rustc's
//! `FxHasher`, then murmur3's final mix), probed linearly.
//!
//! A short id (up to 15 bytes) was hashed as two words: `lo` (bytes 0..8) and `hi` (bytes
//! 8..15, then the length). The state before the final mix was
//! `(rotl5(lo * K) ^ hi) * K`; the final mix is a bijection, so ids with the same state
//! have the same whole hash and every one of them lands on the same slot: reading `n` of
//! them costs `n² / 2` probes. [`flooding_ids`] finds such ids: printable, 15 bytes long,
//! every one with state 0 (`hi == rotl5(lo * K)`). Byte `b` of `rotl5(lo * K)` depends only
//! on bytes `0..=b` of `lo` (a product's low bits depend only on the factors' low bits), so
//! a depth-first search over the bytes of `lo` finds the ids without trying the others.

use crate::Rng;

/// The former hash's multiplier.
const K: u64 = 0x517c_c1b7_2722_0a95;
/// The bytes an id is made of: printable ASCII, no space.
const PRINTABLE: std::ops::RangeInclusive<u8> = 0x21..=0x7e;
/// The length of every crafted id (the former table's longest inline key).
pub const FLOODING_ID_LEN: usize = 15;

/// The former table's hash state of a short id before its final mix (the final mix is a
/// bijection: equal states are equal hashes). Ids longer than 15 bytes were hashed another
/// way: `None`.
pub fn former_hash_state(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut word = [0u8; 16];
    word[..b.len()].copy_from_slice(b);
    word[15] = b.len() as u8;
    let lo = u64::from_le_bytes(word[..8].try_into().ok()?);
    let hi = u64::from_le_bytes(word[8..].try_into().ok()?);
    let add = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    Some(add(add(0, lo), hi))
}

/// `n` distinct printable ids of [`FLOODING_ID_LEN`] bytes that all had the same hash in
/// the former id table (state 0: see the module doc). Deterministic.
pub fn flooding_ids(n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut lo = [0u8; 8];
    search(&mut lo, 0, n, &mut out);
    out
}

/// Chooses byte `b` of `lo`, keeping only the choices whose byte `b` of `hi` (known from
/// bytes `0..=b` of `lo`) is printable, or, for the last byte, the length.
fn search(lo: &mut [u8; 8], b: usize, n: usize, out: &mut Vec<String>) {
    for byte in PRINTABLE {
        if out.len() == n {
            return;
        }
        lo[b] = byte;
        let x = u64::from_le_bytes(*lo).wrapping_mul(K);
        let hi = x.rotate_left(5).to_le_bytes();
        match b {
            // Bits 5..8 of hi byte 0 are bits 0..3 of the product: printable needs 1, 2 or 3.
            0 if (1..=3).contains(&(x & 7)) => search(lo, 1, n, out),
            1..=6 if PRINTABLE.contains(&hi[b]) => search(lo, b + 1, n, out),
            // hi byte 0 needs the top bits of the product: known only now.
            7 if usize::from(hi[7]) == FLOODING_ID_LEN && PRINTABLE.contains(&hi[0]) => {
                let mut id = lo.to_vec();
                id.extend_from_slice(&hi[..7]);
                out.push(String::from_utf8(id).expect("printable ASCII"));
            }
            _ => {}
        }
    }
}

/// `n` random printable ids of [`FLOODING_ID_LEN`] bytes (the baseline of the flooding
/// benchmark): distinct with overwhelming likelihood.
pub fn random_ids(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            (0..FLOODING_ID_LEN)
                .map(|_| char::from(rng.between(0x21, 0x7e) as u8))
                .collect()
        })
        .collect()
}

/// One event per id, all at the same time, on one channel, of one kind: columns that cost
/// nothing but the id lookups.
#[derive(Debug, Clone)]
pub struct IdColumns {
    /// The ids, Arrow-like.
    pub customer_id: crate::Utf8Column,
    /// One time for every row.
    pub timestamp: Vec<i64>,
    /// `web` on every row.
    pub channel: Vec<&'static str>,
    /// `page_view` on every row.
    pub kind: Vec<&'static str>,
}

impl IdColumns {
    /// The columns of one event per id.
    pub fn new(ids: &[String]) -> Self {
        let mut customer_id = crate::Utf8Column::default();
        for id in ids {
            customer_id.push(id);
        }
        IdColumns {
            customer_id,
            timestamp: vec![1_767_225_600_000; ids.len()],
            channel: vec!["web"; ids.len()],
            kind: vec!["page_view"; ids.len()],
        }
    }

    /// The columns as the core's columnar reader takes them.
    pub fn columns(&self) -> touchpoint::ingest::EventColumns<'_> {
        touchpoint::ingest::EventColumns::new(
            &self.customer_id,
            touchpoint::ingest::TimeColumn::millis(&self.timestamp),
            &self.channel,
            &self.kind,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crafted_ids_share_one_former_hash_and_are_distinct() {
        let ids = flooding_ids(4096);
        assert_eq!(ids.len(), 4096);
        assert!(ids.iter().all(|id| id.len() == FLOODING_ID_LEN
            && id.bytes().all(|b| PRINTABLE.contains(&b))
            && former_hash_state(id) == Some(0)));
        let distinct: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        let random = random_ids(4096, 7);
        let states: std::collections::HashSet<_> =
            random.iter().map(|id| former_hash_state(id)).collect();
        assert!(states.len() > 4000, "random ids spread: {}", states.len());
    }

    /// The former table probed n²/2 slots for these (minutes in a debug build): the read
    /// now finishes, with every id its own customer.
    #[test]
    fn reading_65536_crafted_ids_finishes_with_each_a_customer() {
        let ids = IdColumns::new(&flooding_ids(65_536));
        let read =
            touchpoint::ingest::read_columns(&ids.columns(), touchpoint::ingest::Mode::Strict)
                .expect("valid ids");
        assert_eq!(read.dataset.customer_count(), 65_536);
    }
}
