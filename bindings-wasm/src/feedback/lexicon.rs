//! The `Lexicon` class (core: `core/src/feedback/sentiment/lexicon.rs`).

use crate::value::thrown;
use wasm_bindgen::prelude::*;

/// The words (and emoji) sentiment is scored with, for one language, in VADER's format:
/// `word<TAB>valence` per line, valences from -4 to +4. Make one with `Lexicon.english()`,
/// `Lexicon.parse(text, language)` or `Lexicon.empty(language)`.
#[wasm_bindgen]
pub struct Lexicon {
    pub(crate) inner: touchpoint::Lexicon,
}

/// The hidden method that hands a copy of a `Lexicon` over to Rust.
pub(crate) const COPY: &str = "_lexiconCopy";

fn language(code: &str) -> Result<touchpoint::Language, JsValue> {
    thrown(touchpoint::Language::from_code(code, "language"))
}

#[wasm_bindgen]
impl Lexicon {
    /// VADER's English lexicon and emoji lexicon (vaderSentiment 3.3.2).
    pub fn english() -> Lexicon {
        Lexicon {
            inner: touchpoint::Lexicon::english(),
        }
    }

    /// A lexicon read from text in VADER's format, for `language` (an ISO 639-3 code,
    /// default `"eng"`).
    /// @throws {TouchpointError} `PARSE_ERROR` naming the line that does not parse;
    /// `INVALID_CONFIG` for an unknown language code.
    pub fn parse(text: &str, language: Option<String>) -> Result<Lexicon, JsValue> {
        let language = self::language(language.as_deref().unwrap_or("eng"))?;
        Ok(Lexicon {
            inner: thrown(touchpoint::Lexicon::parse(language, text))?,
        })
    }

    /// An empty lexicon for `language` (an ISO 639-3 code such as `"spa"`).
    /// @throws {TouchpointError} `INVALID_CONFIG` for an unknown language code.
    pub fn empty(language: &str) -> Result<Lexicon, JsValue> {
        Ok(Lexicon {
            inner: touchpoint::Lexicon::empty(self::language(language)?),
        })
    }

    /// Adds or overrides a word (lowercased).
    /// @throws {TouchpointError} `INVALID_CONFIG` for more than one word or a valence that
    /// is not a finite number.
    #[wasm_bindgen(js_name = setWord)]
    pub fn set_word(&mut self, word: &str, valence: f64) -> Result<(), JsValue> {
        thrown(self.inner.set_word(word, valence))
    }

    /// Removes a word; whether it was there.
    #[wasm_bindgen(js_name = removeWord)]
    pub fn remove_word(&mut self, word: &str) -> bool {
        self.inner.remove_word(word)
    }

    /// Adds emoji in VADER's format (`emoji<TAB>description` per line).
    /// @throws {TouchpointError} `PARSE_ERROR` naming the line that does not parse.
    #[wasm_bindgen(js_name = addEmojis)]
    pub fn add_emojis(&mut self, text: &str) -> Result<(), JsValue> {
        thrown(self.inner.add_emojis(text))
    }

    /// A word's valence (looked up in lowercase), or `undefined`.
    pub fn valence(&self, word: &str) -> Option<f64> {
        self.inner.valence(word)
    }

    /// The language's ISO 639-3 code.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> String {
        self.inner.language().code().to_string()
    }

    /// How many words it holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// A copy, handed over to Rust when the lexicon is an argument (not part of the API).
    #[doc(hidden)]
    #[wasm_bindgen(js_name = _lexiconCopy, skip_typescript)]
    pub fn copy(&self) -> Lexicon {
        Lexicon {
            inner: self.inner.clone(),
        }
    }
}
