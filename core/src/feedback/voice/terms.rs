//! The terms of comments and the ones that set negative comments apart: words split at
//! Unicode word boundaries (the `unicode-segmentation` crate, UAX #29), lowercased, without
//! the stop words of the comment's language (NLTK's lists, from the `stop-words` crate),
//! numbers or one-letter words; and tidylo's weighted log odds of each term in the negative
//! comments of a group against all of the group's scored comments.

use crate::Language;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Hash maps and sets keyed by short words or ids: foldhash, as the lexicon's.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
type FastSet<K> = HashSet<K, foldhash::fast::FixedState>;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// NLTK's stop words for `language`, lowercased; `None` for a language NLTK has none for.
fn stop_words(language: Language) -> Option<&'static FastSet<&'static str>> {
    // ISO 639-3 (whatlang's) to ISO 639-1 (stop-words' lookup), for NLTK's languages.
    const CODES: [(&str, &str); 32] = [
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("cat", "ca"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("spa", "es"),
        ("eus", "eu"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("heb", "he"),
        ("hun", "hu"),
        ("ind", "id"),
        ("ita", "it"),
        ("kaz", "kk"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "no"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("slv", "sl"),
        ("sqi", "sq"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tgk", "tg"),
        ("tur", "tr"),
        ("uzb", "uz"),
        ("cmn", "zh"),
    ];
    static SETS: OnceLock<Vec<(&'static str, FastSet<&'static str>)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        CODES
            .iter()
            .filter_map(|(three, two)| {
                stop_words::lookup(two).map(|words| (*three, words.iter().copied().collect()))
            })
            .collect()
    });
    sets.iter()
        .find(|(code, _)| *code == language.code())
        .map(|(_, set)| set)
}

/// Calls `each` with every term of `text` in `language`, in order, repeats kept; `lower` is
/// the buffer a word is lowercased in.
pub(crate) fn for_each_term(
    text: &str,
    language: Language,
    lower: &mut String,
    mut each: impl FnMut(&str),
) {
    let stop = stop_words(language);
    for w in text.unicode_words() {
        lower.clear();
        if w.bytes().all(|b| !b.is_ascii_uppercase()) {
            lower.push_str(w);
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        let mut chars = lower.chars();
        let long_enough = chars.next().is_some() && chars.next().is_some();
        if long_enough
            && lower.chars().any(char::is_alphabetic)
            && !stop.is_some_and(|s| s.contains(lower.as_str()))
        {
            each(lower);
        }
    }
}

/// The terms of `text` in `language`, in order, repeats kept.
#[cfg(test)]
pub(crate) fn terms(text: &str, language: Language) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, language, &mut String::new(), |t| {
        out.push(t.to_string())
    });
    out
}

/// Every term seen, numbered in order of first sight.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    ids: FastMap<Box<str>, u32>,
    pub names: Vec<Box<str>>,
}

impl Terms {
    /// The number of `term`, given one if new.
    pub(crate) fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(term.into(), id);
        self.names.push(term.into());
        id
    }
}

/// One term's counts in a group: its occurrences in the negative comments and in the other
/// scored ones, the negative comments holding it, and the most negative of them (compound,
/// position), for examples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TermTally {
    pub negative: u64,
    pub other: u64,
    pub negative_comments: u64,
    pub examples: Vec<(f64, usize)>,
}

impl TermTally {
    /// Keeps the `keep` most negative examples (ties: the earlier comment).
    pub(crate) fn example(&mut self, compound: f64, at: usize, keep: usize) {
        let before = |e: &(f64, usize)| e.0.total_cmp(&compound).then(e.1.cmp(&at)).is_lt();
        let place = self.examples.partition_point(before);
        if place < keep {
            self.examples.insert(place, (compound, at));
            self.examples.truncate(keep);
        }
    }

    pub(crate) fn merge(&mut self, later: TermTally, keep: usize) {
        self.negative += later.negative;
        self.other += later.other;
        self.negative_comments += later.negative_comments;
        for (c, at) in later.examples {
            self.example(c, at, keep);
        }
    }
}

/// A term that sets a group's negative comments apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NegativeTerm {
    /// The term (lowercased).
    pub term: String,
    /// Its occurrences in the group's negative comments.
    pub negative: u64,
    /// Its occurrences in the group's other scored comments (positive and neutral).
    pub other: u64,
    /// The negative comments it occurs in.
    pub negative_comments: u64,
    /// tidylo's log odds (δ, Monroe et al. eq. 15) of the term in the negative comments.
    pub log_odds: f64,
    /// δ ÷ its standard error (eq. 18, 21): the weighted log odds, a z-score; terms are ranked
    /// by it.
    pub log_odds_weighted: f64,
    /// The most negative comments holding it (the lowest compound first).
    pub examples: Vec<String>,
}

/// The terms with the highest weighted log odds in the negative comments, as tidylo's
/// `bind_log_odds(set, feature, n)` computes them (empirical-Bayes prior), the sets being the
/// negative and the other scored comments of the group and `n` each term's occurrences: a
/// term's prior count `α_w` is its occurrences in both sets, each present (set, term) count
/// `y` becomes `y + α_w`, and with the sums of those over the group's terms (`n_i`), over
/// both sets (`y_w`) and over everything (`N`),
/// `δ = ln(y_wi / (n_i − y_wi)) − ln(y_w / (N − y_w))` and `z = δ / √(1/y_wi + 1/y_w)`.
/// Only terms in at least `min_comments` negative comments and with `z > 0` are listed,
/// at most `top`, the highest first (ties: alphabetical).
pub(crate) fn negative_terms<'a>(
    tallies: impl Iterator<Item = (&'a str, &'a TermTally)> + Clone,
    top: usize,
    min_comments: u64,
) -> Vec<(String, TermTally, f64, f64)> {
    // The pseudo counts: a term's α is its count in both sets; a set without the term has no
    // row (and so no pseudo count), as in tidylo's table.
    let pseudo = |y: u64, alpha: f64| if y > 0 { y as f64 + alpha } else { 0.0 };
    let (mut n_negative, mut n_other) = (0.0, 0.0);
    for (_, t) in tallies.clone() {
        let alpha = (t.negative + t.other) as f64;
        n_negative += pseudo(t.negative, alpha);
        n_other += pseudo(t.other, alpha);
    }
    let total = n_negative + n_other;
    let mut scored: Vec<(String, TermTally, f64, f64)> = tallies
        .filter(|(_, t)| t.negative > 0 && t.negative_comments >= min_comments)
        .filter_map(|(term, t)| {
            let alpha = (t.negative + t.other) as f64;
            let y_wi = pseudo(t.negative, alpha);
            let y_w = y_wi + pseudo(t.other, alpha);
            if n_negative - y_wi <= 0.0 || total - y_w <= 0.0 {
                // Every term of the group is this one: no odds against anything else.
                return None;
            }
            let delta = (y_wi / (n_negative - y_wi)).ln() - (y_w / (total - y_w)).ln();
            let z = delta / (1.0 / y_wi + 1.0 / y_w).sqrt();
            (z > 0.0).then(|| (term.to_string(), t.clone(), delta, z))
        })
        .collect();
    scored.sort_by(|a, b| b.3.total_cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(top);
    scored
}
