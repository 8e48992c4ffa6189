//! The `Lexicon` class (core: `core/src/feedback/sentiment/lexicon.rs`).

use crate::error::guard;
use crate::value::thrown;
use napi::Env;
use napi_derive::napi;

/// The words (and emoji) sentiment is scored with, for one language, in VADER's format:
/// `word<TAB>valence` per line, valences from -4 to +4. Make one with `Lexicon.english()`,
/// `Lexicon.parse(text, language)` or `Lexicon.empty(language)`.
#[napi]
pub struct Lexicon {
    pub(crate) inner: touchpoint::Lexicon,
}

fn language(env: &Env, code: &str) -> napi::Result<touchpoint::Language> {
    thrown(env, touchpoint::Language::from_code(code, "language"))
}

#[napi]
impl Lexicon {
    /// VADER's English lexicon and emoji lexicon (vaderSentiment 3.3.2).
    #[napi(factory)]
    pub fn english() -> Lexicon {
        Lexicon {
            inner: touchpoint::Lexicon::english(),
        }
    }

    /// A lexicon read from text in VADER's format, for `language` (an ISO 639-3 code,
    /// default `"eng"`).
    /// @throws {TouchpointError} `PARSE_ERROR` naming the line that does not parse;
    /// `INVALID_CONFIG` for an unknown language code.
    #[napi(factory)]
    pub fn parse(env: Env, text: String, language: Option<String>) -> napi::Result<Lexicon> {
        guard(&env, || {
            let language = self::language(&env, language.as_deref().unwrap_or("eng"))?;
            Ok(Lexicon {
                inner: thrown(&env, touchpoint::Lexicon::parse(language, &text))?,
            })
        })
    }

    /// An empty lexicon for `language` (an ISO 639-3 code such as `"spa"`).
    /// @throws {TouchpointError} `INVALID_CONFIG` for an unknown language code.
    #[napi(factory)]
    pub fn empty(env: Env, language: String) -> napi::Result<Lexicon> {
        guard(&env, || {
            Ok(Lexicon {
                inner: touchpoint::Lexicon::empty(self::language(&env, &language)?),
            })
        })
    }

    /// Adds or overrides a word (lowercased).
    /// @throws {TouchpointError} `INVALID_CONFIG` for more than one word or a valence that
    /// is not a finite number.
    #[napi]
    pub fn set_word(&mut self, env: Env, word: String, valence: f64) -> napi::Result<()> {
        guard(&env, || thrown(&env, self.inner.set_word(&word, valence)))
    }

    /// Removes a word; whether it was there.
    #[napi]
    pub fn remove_word(&mut self, word: String) -> bool {
        self.inner.remove_word(&word)
    }

    /// Adds emoji in VADER's format (`emoji<TAB>description` per line).
    /// @throws {TouchpointError} `PARSE_ERROR` naming the line that does not parse.
    #[napi]
    pub fn add_emojis(&mut self, env: Env, text: String) -> napi::Result<()> {
        guard(&env, || thrown(&env, self.inner.add_emojis(&text)))
    }

    /// A word's valence (looked up in lowercase), or `null`.
    #[napi]
    pub fn valence(&self, word: String) -> Option<f64> {
        self.inner.valence(&word)
    }

    /// The language's ISO 639-3 code.
    #[napi(getter)]
    pub fn language(&self) -> &'static str {
        self.inner.language().code()
    }

    /// How many words it holds.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }
}
