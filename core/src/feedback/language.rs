//! The language a text is written in, so that sentiment is only scored with a lexicon of
//! that language. Detection is whatlang's (trigrams over 69 languages, pure Rust, so the
//! browser build has it too); only a detection whatlang itself calls reliable is used.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use super::sentiment::lexicon::Lexicon;

use crate::model::error::{Result, TouchpointError};

/// A language, named by its ISO 639-3 code (`"eng"`, `"spa"`, `"deu"`), as in the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(whatlang::Lang);

impl Language {
    /// English, the language of VADER's lexicon.
    pub const ENGLISH: Language = Language(whatlang::Lang::Eng);

    /// The language of an ISO 639-3 code (`"eng"`); an unknown code is an `INVALID_CONFIG`
    /// error naming `option`.
    pub fn from_code(code: &str, option: &str) -> Result<Language> {
        whatlang::Lang::from_code(code.to_ascii_lowercase())
            .map(Language)
            .ok_or_else(|| TouchpointError::InvalidConfig {
                option: option.to_string(),
                message: format!(
                    "`{code}` is not a language code this build knows; use an ISO 639-3 code \
                     such as \"eng\", \"spa\" or \"deu\""
                ),
            })
    }

    /// The ISO 639-3 code (`"eng"`).
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// The language's name in English (`"English"`).
    pub fn name(self) -> &'static str {
        self.0.eng_name()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Language::from_code(&code, "language").map_err(serde::de::Error::custom)
    }
}

/// The language of `text` when whatlang detects it reliably; `None` when the text is too
/// short or too mixed to tell (an emoticon, a product name, two words).
pub(crate) fn detect(text: &str) -> Option<Language> {
    whatlang::detect(text)
        .filter(whatlang::Info::is_reliable)
        .map(|info| Language(info.lang()))
}

/// Which lexicon (by position) scores `text`, `None` when none can; and the language found.
///
/// 1. No letters at all (emoticons, numbers): the first lexicon, language unknown.
/// 2. A script no lexicon's language is written in (Cyrillic text, English lexicon): none,
///    with the language whatlang detects.
/// 3. English evidence, when a lexicon is English: if at least half of the text's words are
///    English stop words (NLTK's list), VADER's negations and boosters, or words of that
///    lexicon, it is English. This spares most English feedback whatlang's trigram detection
///    (about 90 µs a sentence, against about 1 µs), and keeps short English texts full of
///    rare words from being mistaken for another language.
/// 4. Otherwise whatlang's reliable detection picks the lexicon of that language, or none if
///    no lexicon has it (the text is then unscored). When whatlang is not sure, the first
///    lexicon scores the text and the language is unknown: acting on unsure guesses left 7%
///    of short English sentences unscored in our corpus, far worse than the rare foreign
///    sentence whatlang cannot place.
pub(crate) fn choose(text: &str, lexicons: &[Lexicon]) -> (Option<usize>, Option<Language>) {
    let english = lexicons
        .iter()
        .position(|l| l.language() == Language::ENGLISH);
    let Some(script) = whatlang::detect_script(text) else {
        return (Some(0), None);
    };
    let written = script.langs();
    if !lexicons.iter().any(|l| written.contains(&l.language().0)) {
        return (None, detect(text));
    }
    if let Some(at) = english {
        if looks_english(text, &lexicons[at]) {
            return (Some(at), Some(Language::ENGLISH));
        }
    }
    match detect(text) {
        Some(language) => (
            lexicons.iter().position(|l| l.language() == language),
            Some(language),
        ),
        None => (Some(0), None),
    }
}

/// Whether at least half of the words of `text` (those with a letter) are English stop words,
/// VADER's rule words or words of `lexicon`.
fn looks_english(text: &str, lexicon: &Lexicon) -> bool {
    static STOP: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let stop = STOP.get_or_init(|| stop_words::get("en").iter().copied().collect());
    let (mut words, mut known) = (0usize, 0usize);
    let mut lower = String::new();
    for word in super::sentiment::text::words(text) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if !word.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        lower.clear();
        super::sentiment::text::push_lower(word, &mut lower);
        if stop.contains(lower.as_str())
            || lexicon.valence_of_lower(&lower).is_some()
            || super::sentiment::is_rule_word(&lower)
        {
            known += 1;
        }
    }
    words > 0 && 2 * known >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_detection() {
        assert_eq!(Language::from_code("ENG", "x").unwrap(), Language::ENGLISH);
        assert_eq!(Language::ENGLISH.name(), "English");
        let err = Language::from_code("english", "lexicon.language").unwrap_err();
        assert_eq!(err.code(), "INVALID_CONFIG");
        assert!(err.to_string().contains("lexicon.language"), "{err}");
        assert_eq!(
            detect("Der Kundendienst war leider sehr unfreundlich und hat mir nicht geholfen."),
            Some(Language::from_code("deu", "x").unwrap())
        );
        assert_eq!(detect(":)"), None);
        let json = serde_json::to_string(&Language::ENGLISH).unwrap();
        assert_eq!(json, "\"eng\"");
        assert_eq!(
            serde_json::from_str::<Language>(&json).unwrap(),
            Language::ENGLISH
        );
    }
}
