//! A sentiment lexicon in VADER's format: one word per line, a tab, its mean valence from
//! −4 to +4 (more tab-separated columns, such as VADER's standard deviation and raw ratings,
//! are allowed and ignored); and an emoji lexicon, one emoji per line, a tab, the words it
//! stands for.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

use super::super::language::Language;
use crate::model::error::{RecordRef, Result, TouchpointError};

/// VADER's lexicon (vaderSentiment 3.3.2, MIT licence: `core/data/vader/LICENSE.txt`).
const VADER_LEXICON: &str = include_str!("../../../data/vader/vader_lexicon.txt");
/// VADER's emoji lexicon (same release and licence).
const VADER_EMOJIS: &str = include_str!("../../../data/vader/emoji_utf8_lexicon.txt");

type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The words (and emoji) a sentiment analyzer knows, for one language.
///
/// Words are looked up in lowercase, as VADER does; [`Lexicon::set_word`] lowercases the word
/// it is given. VADER's rules (negations, boosters such as "very", idioms, "but") are English
/// and apply to every lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    language: Language,
    words: Map<Box<str>, f64>,
    emojis: Map<char, Box<str>>,
    /// Whether an emoji is an ASCII character, found once (then even ASCII text is searched).
    #[serde(skip)]
    ascii_emoji: OnceLock<bool>,
}

impl Lexicon {
    /// VADER's English lexicon and emoji lexicon, as vaderSentiment 3.3.2 ships them.
    pub fn english() -> Lexicon {
        static ENGLISH: OnceLock<Lexicon> = OnceLock::new();
        ENGLISH
            .get_or_init(|| {
                let mut lexicon = Lexicon::parse(Language::ENGLISH, VADER_LEXICON)
                    .expect("VADER's lexicon parses");
                lexicon
                    .add_emojis(VADER_EMOJIS)
                    .expect("VADER's emoji lexicon parses");
                lexicon
            })
            .clone()
    }

    /// An empty lexicon for `language`, to fill with [`Lexicon::set_word`].
    pub fn empty(language: Language) -> Lexicon {
        Lexicon {
            language,
            words: Map::default(),
            emojis: Map::default(),
            ascii_emoji: OnceLock::new(),
        }
    }

    /// Reads a lexicon in VADER's format. Blank lines are skipped; a later line for the same
    /// word replaces an earlier one (as in vaderSentiment). A line without a tab, or whose
    /// valence is not a finite number, is a `PARSE_ERROR` naming the line.
    pub fn parse(language: Language, text: &str) -> Result<Lexicon> {
        let mut lexicon = Lexicon::empty(language);
        for (n, line) in lines(text) {
            let (word, valence) = split_line(n, line, "word")?;
            let valence = valence.trim().parse::<f64>().ok().filter(|v| v.is_finite());
            let valence = valence.ok_or_else(|| TouchpointError::Parse {
                record: RecordRef::Line(n),
                message: format!("the valence of `{word}` is not a finite number"),
            })?;
            lexicon.words.insert(word.into(), valence);
        }
        Ok(lexicon)
    }

    /// Adds an emoji lexicon in VADER's format (emoji, tab, description). VADER replaces an
    /// emoji by its description before scoring; only single-character emoji can match (as in
    /// vaderSentiment, which compares one character at a time). A line without a tab is a
    /// `PARSE_ERROR` naming the line.
    pub fn add_emojis(&mut self, text: &str) -> Result<()> {
        for (n, line) in lines(text) {
            let (emoji, description) = split_line(n, line, "emoji")?;
            let mut chars = emoji.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                self.emojis.insert(c, description.into());
            }
        }
        self.ascii_emoji.take();
        Ok(())
    }

    /// Sets a word's valence (VADER's scale is −4 to +4), adding or overriding it. The word is
    /// lowercased; an empty word, one with whitespace, or a valence that is not finite is an
    /// `INVALID_CONFIG` error.
    pub fn set_word(&mut self, word: &str, valence: f64) -> Result<()> {
        if word.is_empty() || word.chars().any(super::text::is_space) {
            return Err(config(format!("`{word}` is not one word")));
        }
        if !valence.is_finite() {
            return Err(config(format!(
                "the valence of `{word}` is {valence}, not a number"
            )));
        }
        let mut lower = String::with_capacity(word.len());
        super::text::push_lower(word, &mut lower);
        self.words.insert(lower.into(), valence);
        Ok(())
    }

    /// Removes a word (looked up in lowercase); whether it was there.
    pub fn remove_word(&mut self, word: &str) -> bool {
        let mut lower = String::with_capacity(word.len());
        super::text::push_lower(word, &mut lower);
        self.words.remove(lower.as_str()).is_some()
    }

    /// The valence of a word (looked up in lowercase, as VADER does), if the lexicon has it.
    pub fn valence(&self, word: &str) -> Option<f64> {
        let mut lower = String::with_capacity(word.len());
        super::text::push_lower(word, &mut lower);
        self.valence_of_lower(&lower)
    }

    /// The valence of a word already in lowercase (the scorer's lookup).
    pub(crate) fn valence_of_lower(&self, lower: &str) -> Option<f64> {
        self.words.get(lower).copied()
    }

    /// The language this lexicon scores.
    pub fn language(&self) -> Language {
        self.language
    }

    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The description an emoji is replaced by, if the lexicon has it.
    pub(crate) fn emoji(&self, c: char) -> Option<&str> {
        self.emojis.get(&c).map(|d| &**d)
    }

    /// Whether any emoji is an ASCII character (then even ASCII text must be searched).
    pub(crate) fn has_ascii_emoji(&self) -> bool {
        *self
            .ascii_emoji
            .get_or_init(|| self.emojis.keys().any(char::is_ascii))
    }
}

fn config(message: String) -> TouchpointError {
    TouchpointError::InvalidConfig {
        option: "lexicon".to_string(),
        message,
    }
}

/// The non-blank lines of a lexicon file with their 1-based numbers (`\n` or `\r\n` ends).
fn lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| (i as u64 + 1, super::text::trim(line)))
        .filter(|(_, line)| !line.is_empty())
}

/// The first two tab-separated fields of a line (the rest is ignored, as in vaderSentiment).
fn split_line<'a>(n: u64, line: &'a str, what: &str) -> Result<(&'a str, &'a str)> {
    let mut fields = line.split('\t');
    match (fields.next(), fields.next()) {
        (Some(key), Some(value)) if !key.is_empty() => Ok((key, value)),
        _ => Err(TouchpointError::Parse {
            record: RecordRef::Line(n),
            message: format!(
                "expected a {what}, a tab and its value, found `{}`",
                short(line)
            ),
        }),
    }
}

/// At most 40 characters of a line, for an error message.
fn short(line: &str) -> String {
    match line.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vader_lexicon_loads_whole() {
        let en = Lexicon::english();
        // vaderSentiment 3.3.2: 7,506 distinct words; 1,212 single-character emoji.
        assert_eq!(en.len(), 7506);
        assert_eq!(en.emojis.len(), 1212);
        assert_eq!(en.valence("good"), Some(1.9));
        assert_eq!(en.valence(":)"), Some(2.0));
        assert_eq!(en.emoji('\u{1f498}'), Some("heart with arrow"));
    }

    #[test]
    fn bad_lines_are_named() {
        let err = Lexicon::parse(Language::ENGLISH, "good\t1.9\n\nawful -3.4\n").unwrap_err();
        assert_eq!(err.code(), "PARSE_ERROR");
        assert!(err.to_string().starts_with("line 3:"), "{err}");
        let err = Lexicon::parse(Language::ENGLISH, "good\t1.9\r\nmeh\tabout -1\r\n").unwrap_err();
        assert!(
            err.to_string().starts_with("line 2:") && err.to_string().contains("meh"),
            "{err}"
        );
        let err = Lexicon::parse(Language::ENGLISH, "x\tNaN").unwrap_err();
        assert!(err.to_string().contains("not a finite number"), "{err}");
        let ok =
            Lexicon::parse(Language::ENGLISH, "good\t1.9\t0.5\t[1, 2]\r\ngood\t2\r\n").unwrap();
        assert_eq!(ok.valence("good"), Some(2.0));
    }

    #[test]
    fn words_are_set_and_removed_in_lowercase() {
        let mut lexicon = Lexicon::empty(Language::ENGLISH);
        lexicon.set_word("Refund", -1.5).unwrap();
        assert_eq!(lexicon.valence("refund"), Some(-1.5));
        assert_eq!(lexicon.valence("REFUND"), Some(-1.5));
        assert!(lexicon.remove_word("REFUND"));
        assert!(lexicon.is_empty());
        assert_eq!(
            lexicon.set_word("two words", 1.0).unwrap_err().code(),
            "INVALID_CONFIG"
        );
        assert_eq!(
            lexicon.set_word("x", f64::INFINITY).unwrap_err().code(),
            "INVALID_CONFIG"
        );
    }
}
