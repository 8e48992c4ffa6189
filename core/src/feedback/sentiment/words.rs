//! VADER's rule words (vaderSentiment 3.3.2): negations, boosters and dampeners, the
//! two-word boosters and the idioms, and the words its rules name one by one ("no", "least",
//! "but", …); each word's part in the rules found with one hash lookup.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A booster's push away from zero ("very good").
pub(super) const B_INCR: f64 = 0.293;
/// A dampener's pull towards zero ("slightly good").
pub(super) const B_DECR: f64 = -0.293;

/// VADER's negation words (its `NEGATE` list); any word with "n't" is one too.
const NEGATIONS: [&str; 59] = [
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// VADER's boosters (its `BOOSTER_DICT` entries of `B_INCR`), one word each.
const BOOSTERS: [&str; 60] = [
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

/// VADER's dampeners (its `BOOSTER_DICT` entries of `B_DECR`), one word each.
const DAMPENERS: [&str; 21] = [
    "almost",
    "barely",
    "hardly",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sorta",
    "sortof",
    "sort-of",
];

/// The words of VADER's idioms and two-word boosters.
const PHRASE_WORDS: [&str; 21] = [
    "the", "shit", "bomb", "bad", "ass", "bus", "stop", "yeah", "right", "kiss", "of", "death",
    "to", "die", "for", "beating", "heart", "just", "enough", "kind", "sort",
];

/// The words VADER's rules name one by one ("no", "least", "but", …).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Key {
    #[default]
    Other,
    No,
    Or,
    Nor,
    Never,
    Without,
    Doubt,
    So,
    This,
    Least,
    At,
    Very,
    But,
    Kind,
    Of,
}

/// The named words and their keys.
const KEYS: [(&str, Key); 14] = [
    ("no", Key::No),
    ("or", Key::Or),
    ("nor", Key::Nor),
    ("never", Key::Never),
    ("without", Key::Without),
    ("doubt", Key::Doubt),
    ("so", Key::So),
    ("this", Key::This),
    ("least", Key::Least),
    ("at", Key::At),
    ("very", Key::Very),
    ("but", Key::But),
    ("kind", Key::Kind),
    ("of", Key::Of),
];

/// What VADER's rules make of a word, besides its valence.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Rule {
    /// Which named word it is, if any.
    pub(super) key: Key,
    /// Its push as a booster or dampener, if it is one.
    pub(super) booster: Option<f64>,
    /// Whether it is a negation.
    pub(super) negation: bool,
    /// Whether it is a word of an idiom or a two-word booster.
    pub(super) phrase: bool,
}

/// The rule words, and a cheap test that rules most words out before hashing.
struct Rules {
    map: HashMap<&'static str, Rule, foldhash::fast::FixedState>,
    /// For each first byte, the last bytes (mod 64) of the rule words that start with it.
    ends: [u64; 256],
    /// The longest rule word.
    longest: usize,
}

/// The rule of a lowercase word: one hash lookup (for a word whose length, first and last
/// bytes some rule word has), where a `match` on ~100 strings compares them arm by arm.
pub(super) fn rule(word: &str) -> Rule {
    static RULES: OnceLock<Rules> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        let mut map: HashMap<&'static str, Rule, foldhash::fast::FixedState> = HashMap::default();
        for w in NEGATIONS {
            map.entry(w).or_default().negation = true;
        }
        for w in BOOSTERS {
            map.entry(w).or_default().booster = Some(B_INCR);
        }
        for w in DAMPENERS {
            map.entry(w).or_default().booster = Some(B_DECR);
        }
        for w in PHRASE_WORDS {
            map.entry(w).or_default().phrase = true;
        }
        for (w, key) in KEYS {
            map.entry(w).or_default().key = key;
        }
        let mut ends = [0u64; 256];
        for w in map.keys() {
            let b = w.as_bytes();
            ends[usize::from(b[0])] |= 1 << (b[b.len() - 1] % 64);
        }
        let longest = map.keys().map(|w| w.len()).max().unwrap_or(0);
        Rules { map, ends, longest }
    });
    let b = word.as_bytes();
    let mut found = match (b.first(), b.last()) {
        (Some(&f), Some(&l))
            if b.len() <= rules.longest && rules.ends[usize::from(f)] & (1 << (l % 64)) != 0 =>
        {
            rules.map.get(word).copied().unwrap_or_default()
        }
        _ => Rule::default(),
    };
    found.negation |= b.contains(&b'\'') && word.contains("n't");
    found
}

/// Whether a lowercase word is one of VADER's English rule words (a negation, a booster or
/// dampener), which count as English evidence.
pub(crate) fn is_rule_word(word: &str) -> bool {
    let r = rule(word);
    r.negation || r.booster.is_some()
}

/// VADER's two-word boosters ("kind of", "sort of", "just enough").
pub(super) fn booster_pair(a: &str, b: &str) -> Option<f64> {
    matches!((a, b), ("just", "enough") | ("kind", "of") | ("sort", "of")).then_some(B_DECR)
}

/// VADER's idioms that contain lexicon words (its `SPECIAL_CASES`), as word sequences.
pub(super) fn idiom(words: &[&str]) -> Option<f64> {
    match words {
        ["the", "shit"] | ["the", "bomb"] | ["to", "die", "for"] => Some(3.0),
        ["bad", "ass"] => Some(1.5),
        ["bus", "stop"] => Some(0.0),
        ["yeah", "right"] => Some(-2.0),
        ["kiss", "of", "death"] => Some(-1.5),
        ["beating", "heart"] => Some(3.5),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_word_is_found() {
        for w in NEGATIONS {
            assert!(rule(w).negation, "{w}");
        }
        for w in BOOSTERS.iter().chain(&DAMPENERS) {
            assert!(rule(w).booster.is_some(), "{w}");
        }
        for w in PHRASE_WORDS {
            assert!(rule(w).phrase, "{w}");
        }
        for (w, key) in KEYS {
            assert_eq!(rule(w).key, key, "{w}");
        }
        assert!(rule("don't").negation && rule("shouldn't").negation && rule("xyzn't").negation);
        assert!(rule("goodness").booster.is_none() && !rule("goodness").negation);
        assert_eq!(rule("very").booster, Some(B_INCR));
        assert!(rule("kind").phrase && rule("kind").key == Key::Kind);
    }
}
