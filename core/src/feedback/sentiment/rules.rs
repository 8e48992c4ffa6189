//! VADER's rules, as vaderSentiment 3.3.2 applies them (Hutto & Gilbert, ICWSM-14): each
//! lexicon word's valence, moved by boosters and dampeners before it, by capitals, by
//! negations up to three words before, by "no", "least" and idioms; "but" shifts weight to
//! what follows it; "!" and "?" add emphasis; the sum is normalised to [−1, 1].
//!
//! The order of every operation follows vaderSentiment's, so the floating-point results are
//! the same, including its quirks (the `list.index` in its "but" rule, the dampened booster
//! two and three words before), which are part of the scores users compare against.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use super::lexicon::Lexicon;
use super::text;

/// A booster's push away from zero ("very good").
const B_INCR: f64 = 0.293;
/// A dampener's pull towards zero ("slightly good").
const B_DECR: f64 = -0.293;
/// The push of a word in capitals among words that are not.
const C_INCR: f64 = 0.733;
/// A negation's factor ("not good").
const N_SCALAR: f64 = -0.74;

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
enum Key {
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
struct Rule {
    /// Which named word it is, if any.
    key: Key,
    /// Its push as a booster or dampener, if it is one.
    booster: Option<f64>,
    /// Whether it is a negation.
    negation: bool,
    /// Whether it is a word of an idiom or a two-word booster.
    phrase: bool,
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
fn rule(word: &str) -> Rule {
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
fn booster_pair(a: &str, b: &str) -> Option<f64> {
    matches!((a, b), ("just", "enough") | ("kind", "of") | ("sort", "of")).then_some(B_DECR)
}

/// VADER's idioms that contain lexicon words (its `SPECIAL_CASES`), as word sequences.
fn idiom(words: &[&str]) -> Option<f64> {
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

/// One word of the text.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// Its lowercase form, as a range of `Scratch::lower`.
    lower: (u32, u32),
    /// Whether it is in capitals (Python's `isupper`).
    upper: bool,
    /// Its valence in the lexicon, looked up in lowercase.
    valence: Option<f64>,
    /// Its push as a booster or dampener, if it is one.
    booster: Option<f64>,
    /// Whether it is a negation.
    negation: bool,
    /// Whether it is a word of an idiom or a two-word booster (so most words skip the idioms).
    phrase: bool,
    /// Which of the words the rules name it is.
    key: Key,
}

/// The buffers one text is scored in, kept between texts so a batch allocates once.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    text: String,
    lower: String,
    tokens: Vec<Token>,
    sentiments: Vec<f64>,
}

/// VADER's four scores, rounded as vaderSentiment rounds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scores {
    pub(crate) negative: f64,
    pub(crate) neutral: f64,
    pub(crate) positive: f64,
    pub(crate) compound: f64,
}

/// Scores `raw` with `lexicon`, as vaderSentiment's `polarity_scores`.
pub(crate) fn polarity_scores(lexicon: &Lexicon, raw: &str, scratch: &mut Scratch) -> Scores {
    let Scratch {
        text,
        lower,
        tokens,
        sentiments,
    } = scratch;
    let text = text::trim(if replace_emojis(lexicon, raw, text) {
        text
    } else {
        raw
    });
    lower.clear();
    tokens.clear();
    for word in text::words(text) {
        let word = text::strip_punctuation(word);
        let start = lower.len();
        text::push_lower(word, lower);
        let own = &lower[start..];
        let rule = rule(own);
        tokens.push(Token {
            lower: (start as u32, lower.len() as u32),
            upper: text::is_upper(word),
            valence: lexicon.valence(own),
            booster: rule.booster,
            negation: rule.negation,
            phrase: rule.phrase,
            key: rule.key,
        });
    }
    let words = Words { lower, tokens };
    let capitals = {
        let upper = tokens.iter().filter(|t| t.upper).count();
        upper > 0 && upper < tokens.len()
    };
    sentiments.clear();
    for i in 0..tokens.len() {
        let skip = tokens[i].booster.is_some()
            || (words.key(i) == Key::Kind && i + 1 < tokens.len() && words.key(i + 1) == Key::Of);
        sentiments.push(if skip {
            0.0
        } else {
            valence(&words, i, capitals)
        });
    }
    but_rule(&words, sentiments);
    score(sentiments, text)
}

/// Writes into `out` the text with each emoji replaced by its description (vaderSentiment's
/// first step): separated by a space from what comes before unless that was a space, and
/// followed directly by what comes after. `false` (and `out` untouched) when the text has no
/// emoji, so it is read in place.
fn replace_emojis(lexicon: &Lexicon, raw: &str, out: &mut String) -> bool {
    let ascii_emoji = lexicon.has_ascii_emoji();
    if raw.is_ascii() && !ascii_emoji {
        return false;
    }
    // An ASCII character is looked up only if the lexicon has ASCII emoji.
    let emoji = |c: char| {
        if c.is_ascii() && !ascii_emoji {
            None
        } else {
            lexicon.emoji(c)
        }
    };
    let Some(first) = raw
        .char_indices()
        .find(|&(_, c)| emoji(c).is_some())
        .map(|(i, _)| i)
    else {
        return false;
    };
    out.clear();
    out.push_str(&raw[..first]);
    let mut after_space = raw[..first].ends_with(' ') || first == 0;
    for c in raw[first..].chars() {
        if let Some(description) = emoji(c) {
            if !after_space {
                out.push(' ');
            }
            out.push_str(description);
            after_space = false;
        } else {
            out.push(c);
            after_space = c == ' ';
        }
    }
    true
}

/// The text's words in lowercase, with what the rules need to know of each.
struct Words<'a> {
    lower: &'a str,
    tokens: &'a [Token],
}

impl Words<'_> {
    fn word(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].lower;
        &self.lower[a as usize..b as usize]
    }

    fn key(&self, i: usize) -> Key {
        self.tokens[i].key
    }

    fn in_lexicon(&self, i: usize) -> bool {
        self.tokens[i].valence.is_some()
    }
}

/// The valence of word `i` in its context (vaderSentiment's `sentiment_valence`); 0 for a
/// word not in the lexicon.
fn valence(words: &Words, i: usize, capitals: bool) -> f64 {
    let Some(own) = words.tokens[i].valence else {
        return 0.0;
    };
    let n = words.tokens.len();
    let mut v = own;
    // "no" before a lexicon word negates it rather than counting itself.
    if words.key(i) == Key::No && i + 1 < n && words.in_lexicon(i + 1) {
        v = 0.0;
    }
    if (i > 0 && words.key(i - 1) == Key::No)
        || (i > 1 && words.key(i - 2) == Key::No)
        || (i > 2 && words.key(i - 3) == Key::No && matches!(words.key(i - 1), Key::Or | Key::Nor))
    {
        v = own * N_SCALAR;
    }
    if words.tokens[i].upper && capitals {
        v = if v > 0.0 { v + C_INCR } else { v - C_INCR };
    }
    for back in 0..3 {
        if i > back && !words.in_lexicon(i - (back + 1)) {
            let mut s = booster_push(words, i - (back + 1), v, capitals);
            if back == 1 && s != 0.0 {
                s *= 0.95;
            }
            if back == 2 && s != 0.0 {
                s *= 0.9;
            }
            v += s;
            v = negation(words, v, back, i);
            if back == 2 {
                v = idioms(words, v, i);
            }
        }
    }
    least(words, v, i)
}

/// What a booster or dampener at `j` adds to a valence `v` (vaderSentiment's
/// `scalar_inc_dec`), more when it is in capitals among words that are not.
fn booster_push(words: &Words, j: usize, v: f64, capitals: bool) -> f64 {
    let Some(mut s) = words.tokens[j].booster else {
        return 0.0;
    };
    if v < 0.0 {
        s = -s;
    }
    if words.tokens[j].upper && capitals {
        s = if v > 0.0 { s + C_INCR } else { s - C_INCR };
    }
    s
}

/// Negation one, two or three words before word `i` (vaderSentiment's `_negation_check`).
fn negation(words: &Words, v: f64, back: usize, i: usize) -> f64 {
    let w = |k: usize| words.key(i - k);
    let negated = |k: usize| words.tokens[i - k].negation;
    let so_this = |key: Key| matches!(key, Key::So | Key::This);
    match back {
        0 if negated(1) => v * N_SCALAR,
        1 if w(2) == Key::Never && so_this(w(1)) => v * 1.25,
        1 if w(2) == Key::Without && w(1) == Key::Doubt => v,
        1 if negated(2) => v * N_SCALAR,
        2 if (w(3) == Key::Never && so_this(w(2))) || so_this(w(1)) => v * 1.25,
        2 if w(3) == Key::Without && (w(2) == Key::Doubt || w(1) == Key::Doubt) => v,
        2 if negated(3) => v * N_SCALAR,
        _ => v,
    }
}

/// Idioms around word `i` (three or more words in), and two-word boosters before it
/// (vaderSentiment's `_special_idioms_check`).
fn idioms(words: &Words, mut v: f64, i: usize) -> f64 {
    let n = words.tokens.len();
    let phrase = |k: usize| k < n && words.tokens[k].phrase;
    // Every idiom and two-word booster is made of phrase words: a sequence with another word
    // cannot match, and most words are not phrase words.
    let near = (i - 3..(i + 3).min(n)).filter(|&k| phrase(k)).count();
    if near < 2 {
        return v;
    }
    let w = |k: usize| words.word(k);
    let all = |ks: &[usize]| ks.iter().all(|&k| phrase(k));
    let before: [&[usize]; 5] = [
        &[i - 1, i],
        &[i - 2, i - 1, i],
        &[i - 2, i - 1],
        &[i - 3, i - 2, i - 1],
        &[i - 3, i - 2],
    ];
    for seq in before {
        if all(seq) {
            let words: Vec<&str> = seq.iter().map(|&k| w(k)).collect();
            if let Some(found) = idiom(&words) {
                v = found;
                break;
            }
        }
    }
    if n - 1 > i && all(&[i, i + 1]) {
        if let Some(found) = idiom(&[w(i), w(i + 1)]) {
            v = found;
        }
    }
    if n - 1 > i + 1 && all(&[i, i + 1, i + 2]) {
        if let Some(found) = idiom(&[w(i), w(i + 1), w(i + 2)]) {
            v = found;
        }
    }
    // vaderSentiment also tries the three words before; no booster has three words.
    for (a, b) in [(i - 3, i - 2), (i - 2, i - 1)] {
        if all(&[a, b]) {
            if let Some(push) = booster_pair(w(a), w(b)) {
                v += push;
            }
        }
    }
    v
}

/// "least" before word `i` negates it, unless it is "at least" or "very least"
/// (vaderSentiment's `_least_check`).
fn least(words: &Words, v: f64, i: usize) -> f64 {
    if i > 0 && !words.in_lexicon(i - 1) && words.key(i - 1) == Key::Least {
        if i > 1 {
            if !matches!(words.key(i - 2), Key::At | Key::Very) {
                return v * N_SCALAR;
            }
            return v;
        }
        return v * N_SCALAR;
    }
    v
}

/// Words before the first "but" count half, words after it half as much again
/// (vaderSentiment's `_but_check`). vaderSentiment finds each sentiment's place with
/// `list.index`, the first equal value, so with repeated values it may weigh one word twice
/// and another not at all; that is reproduced, since it is part of the scores.
fn but_rule(words: &Words, sentiments: &mut [f64]) {
    let Some(but) = (0..words.tokens.len()).find(|&i| words.key(i) == Key::But) else {
        return;
    };
    let weigh = |at: usize, s: f64| {
        if at < but {
            s * 0.5
        } else if at > but {
            s * 1.5
        } else {
            s
        }
    };
    if sentiments.len() <= LONG_TEXT_WORDS {
        for p in 0..sentiments.len() {
            let s = sentiments[p];
            // Found at or before `p`: the value at `p` is still there.
            let at = sentiments.iter().position(|&x| x == s).unwrap_or(p);
            sentiments[at] = weigh(at, s);
        }
        return;
    }
    // The same on a long text, without a quadratic search: the places of each value, in a
    // sorted set per value (-0.0 and 0.0 are one value, as `==` has them).
    let key = |s: f64| (s + 0.0).to_bits();
    let mut places: HashMap<u64, BTreeSet<usize>> = HashMap::new();
    for (i, &s) in sentiments.iter().enumerate() {
        places.entry(key(s)).or_default().insert(i);
    }
    for p in 0..sentiments.len() {
        let s = sentiments[p];
        let at = places
            .get(&key(s))
            .and_then(|set| set.first().copied())
            .unwrap_or(p);
        let weighed = weigh(at, s);
        if key(weighed) != key(s) {
            if let Some(set) = places.get_mut(&key(s)) {
                set.remove(&at);
            }
            places.entry(key(weighed)).or_default().insert(at);
        }
        sentiments[at] = weighed;
    }
}

/// Above this many words the "but" rule finds values through an index.
const LONG_TEXT_WORDS: usize = 256;

/// The four scores (vaderSentiment's `score_valence`).
fn score(sentiments: &[f64], text: &str) -> Scores {
    if sentiments.is_empty() {
        return Scores {
            negative: 0.0,
            neutral: 0.0,
            positive: 0.0,
            compound: 0.0,
        };
    }
    // Summed left to right, as Python's `sum` does up to 3.11 (3.12 compensates rounding;
    // the difference is in the last bit).
    let mut sum = 0.0;
    for &s in sentiments {
        sum += s;
    }
    let emphasis = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0u32);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        }
        if s < 0.0 {
            neg += s - 1.0;
        }
        if s == 0.0 {
            neu += 1;
        }
    }
    if pos > neg.abs() {
        pos += emphasis;
    } else if pos < neg.abs() {
        neg -= emphasis;
    }
    let total = pos + neg.abs() + f64::from(neu);
    Scores {
        negative: round((neg / total).abs(), 3),
        neutral: round((f64::from(neu) / total).abs(), 3),
        positive: round((pos / total).abs(), 3),
        compound: round(compound, 4),
    }
}

/// Emphasis from "!" (up to four) and "?" (two or more).
fn punctuation_emphasis(text: &str) -> f64 {
    let bangs = text.bytes().filter(|&b| b == b'!').count().min(4);
    let questions = text.bytes().filter(|&b| b == b'?').count();
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    bangs as f64 * 0.292 + qm
}

/// Python's `round(x, digits)`: the decimal nearest to the exact binary value, ties to even,
/// read back as the nearest float. Away from a tie, `x · 10^digits` rounded is that decimal
/// (the product's error is far below the distance to the tie), and dividing it by `10^digits`
/// is correctly rounded, so it is Python's float. Near a tie, the exact value decides: Rust's
/// fixed-precision formatting rounds the exact binary value, ties to even, as Python does.
fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let y = x * scale;
    if ((y - y.floor()) - 0.5).abs() > 1e-6 {
        return y.round() / scale;
    }
    let mut buf = String::with_capacity(24);
    use std::fmt::Write;
    let _ = write!(buf, "{x:.prec$}", prec = digits as usize);
    buf.parse().unwrap_or(x)
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

    #[test]
    fn rounds_as_python() {
        // The fast path and the exact one agree away from ties.
        let mut seed = 7u64;
        for _ in 0..100_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = (seed >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            for digits in [3, 4] {
                let exact: f64 = format!("{x:.prec$}", prec = digits as usize)
                    .parse()
                    .unwrap();
                assert_eq!(round(x, digits), exact, "{x}");
            }
        }
        // Ties of the exact binary value go to even; values just below a tie go down.
        assert_eq!(round(0.0625, 3), 0.062);
        assert_eq!(round(0.125, 2), 0.12);
        assert_eq!(round(0.375, 2), 0.38);
        assert_eq!(round(2.675, 2), 2.67);
        assert_eq!(round(-0.00005, 4), -0.0001);
    }

    #[test]
    fn the_but_rule_is_the_same_on_long_texts() {
        let text = "good bad ok ".repeat(40) + "but " + &"great awful good ".repeat(60);
        let lexicon = Lexicon::english();
        let mut scratch = Scratch::default();
        let _ = polarity_scores(&lexicon, &text, &mut scratch);
        let long = scratch.sentiments.clone();
        // Recompute the weights with the short-text search over the same sentiments.
        let mut short = Vec::new();
        let words = Words {
            lower: &scratch.lower,
            tokens: &scratch.tokens,
        };
        for i in 0..scratch.tokens.len() {
            short.push(valence(&words, i, false));
        }
        let but = 120;
        assert_eq!(words.word(but), "but");
        for p in 0..short.len() {
            let s = short[p];
            let at = short.iter().position(|&x| x == s).unwrap();
            short[at] = if at < but {
                s * 0.5
            } else if at > but {
                s * 1.5
            } else {
                s
            };
        }
        assert!(long.len() > LONG_TEXT_WORDS);
        assert_eq!(long, short);
    }
}
