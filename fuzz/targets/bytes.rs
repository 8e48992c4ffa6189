//! Deterministic decoding of fuzz bytes into small choices. Past the end every read gives
//! zero, so any input decodes to something.

/// A cursor over the fuzz input.
#[derive(Debug, Clone)]
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    /// Reads `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The bytes not read yet (and nothing after).
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            (usize::from(self.byte()) << 8 | usize::from(self.byte())) % n
        }
    }

    /// A boolean.
    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// One of `items` (not empty).
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// Eight bytes as an `i64` (little-endian).
    pub fn i64(&mut self) -> i64 {
        let mut word = [0u8; 8];
        for b in &mut word {
            *b = self.byte();
        }
        i64::from_le_bytes(word)
    }

    /// Up to `max` bytes, as text (invalid UTF-8 replaced).
    pub fn text(&mut self, max: usize) -> String {
        let n = self.below(max + 1).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(head).into_owned()
    }
}

/// Times worth trying, in milliseconds: the edges of the valid range, just outside them,
/// the epoch, and a few around 2026.
pub const TIMES: [i64; 12] = [
    touchpoint::limits::EARLIEST_MS,
    touchpoint::limits::EARLIEST_MS + 1,
    touchpoint::limits::LATEST_MS,
    touchpoint::limits::LATEST_MS - 1,
    0,
    -1,
    BASE,
    BASE + 1,
    BASE + 60_000,
    BASE + 3_600_000,
    BASE + 86_400_000,
    BASE + 40 * 86_400_000,
];

/// 2026-03-01T00:00:00Z.
pub const BASE: i64 = 1_772_323_200_000;

/// Times outside the valid range (readers must refuse them).
pub const BAD_TIMES: [i64; 4] = [
    touchpoint::limits::EARLIEST_MS - 1,
    touchpoint::limits::LATEST_MS + 1,
    i64::MIN,
    i64::MAX,
];

/// Monetary values worth trying, valid ones first.
pub const VALUES: [f64; 14] = [
    0.0,
    -0.0,
    1.0,
    2.5,
    19.99,
    100.0,
    -40.0,
    1e15,
    -1e15,
    1e15 + 2.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    1e308,
];

/// The number of valid entries at the start of [`VALUES`].
pub const VALID_VALUES: usize = 9;

/// Channel names (with aliases and junk).
pub const CHANNELS: [&str; 10] = [
    "web", "email", "app", "store", "support", "sms", "social", "chat", "", "moon",
];

/// Event kinds (with aliases and junk).
pub const KINDS: [&str; 20] = [
    "page_view",
    "add_to_cart",
    "purchase",
    "refund",
    "email_open",
    "click",
    "impression",
    "survey_response",
    "ticket_opened",
    "ticket_resolved",
    "review",
    "referral",
    "share",
    "like",
    "comment",
    "loyalty_join",
    "loyalty_redeem",
    "signup",
    "order_completed",
    "",
];

/// Survey metric names (and junk).
pub const METRICS: [&str; 8] = [
    "nps",
    "csat",
    "ces",
    "will_buy_again",
    "delivers_promise",
    "fair_solution",
    "NPS",
    "mood",
];

/// Customer ids (with some the id rules refuse).
pub const IDS: [&str; 10] = [
    "ana",
    "ben",
    "cara",
    "42",
    "dan é",
    " ",
    "",
    "x\u{0}y",
    "ana ",
    "\u{202e}evil",
];
