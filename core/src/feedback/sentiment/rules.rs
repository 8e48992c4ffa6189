//! VADER's rules, as vaderSentiment 3.3.2 applies them (Hutto & Gilbert, ICWSM-14): each
//! lexicon word's valence, moved by boosters and dampeners before it, by capitals, by
//! negations up to three words before, by "no", "least" and idioms; "but" shifts weight to
//! what follows it; "!" and "?" add emphasis; the sum is normalised to [−1, 1].
//!
//! The order of every operation follows vaderSentiment's, so the floating-point results are
//! the same, including its quirks (the `list.index` in its "but" rule, the dampened booster
//! two and three words before), which are part of the scores users compare against.

use std::collections::{BTreeSet, HashMap};

use super::lexicon::Lexicon;
use super::score::score;
use super::text;
use super::words::{booster_pair, idiom, rule, Key};
/// The push of a word in capitals among words that are not.
const C_INCR: f64 = 0.733;
/// A negation's factor ("not good").
const N_SCALAR: f64 = -0.74;

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
            valence: lexicon.valence_of_lower(own),
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
            // At most three words: a fixed array, no allocation.
            let mut words = [""; 3];
            for (slot, &k) in words.iter_mut().zip(seq) {
                *slot = w(k);
            }
            if let Some(found) = idiom(&words[..seq.len()]) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
