//! `touchpoint.Lexicon` (core: `core/src/feedback/sentiment/lexicon.rs`).

use crate::error::{guard, IntoPyResult};
use pyo3::prelude::*;
use pyo3::types::PyType;
use touchpoint::Language;

/// The words (and emoji) sentiment is scored with, for one language, in VADER's format:
/// `word<TAB>valence` per line, valences from -4 to +4.
#[pyclass(module = "touchpoint", name = "Lexicon")]
pub struct Lexicon {
    pub(crate) inner: touchpoint::Lexicon,
}

pub(crate) fn language(code: &str, option: &str) -> PyResult<Language> {
    Language::from_code(code, option).into_py_result()
}

#[pymethods]
impl Lexicon {
    /// VADER's English lexicon and emoji lexicon (vaderSentiment 3.3.2).
    #[classmethod]
    fn english(_cls: &Bound<'_, PyType>) -> Lexicon {
        Lexicon {
            inner: touchpoint::Lexicon::english(),
        }
    }

    /// A lexicon read from text in VADER's format; a line that does not parse raises
    /// `ParseError` naming the line.
    #[classmethod]
    #[pyo3(signature = (text, *, language = "eng"))]
    fn parse(_cls: &Bound<'_, PyType>, text: &str, language: &str) -> PyResult<Lexicon> {
        guard(|| {
            let language = self::language(language, "language")?;
            let inner = touchpoint::Lexicon::parse(language, text).into_py_result()?;
            Ok(Lexicon { inner })
        })
    }

    /// An empty lexicon for `language` (an ISO 639-3 code such as "spa").
    #[classmethod]
    fn empty(_cls: &Bound<'_, PyType>, language: &str) -> PyResult<Lexicon> {
        Ok(Lexicon {
            inner: touchpoint::Lexicon::empty(self::language(language, "language")?),
        })
    }

    /// Adds or overrides a word (lowercased).
    fn set_word(&mut self, word: &str, valence: f64) -> PyResult<()> {
        guard(|| self.inner.set_word(word, valence).into_py_result())
    }

    /// Removes a word; whether it was there.
    fn remove_word(&mut self, word: &str) -> bool {
        self.inner.remove_word(word)
    }

    /// Adds emoji in VADER's format (`emoji<TAB>description` per line).
    fn add_emojis(&mut self, text: &str) -> PyResult<()> {
        guard(|| self.inner.add_emojis(text).into_py_result())
    }

    /// A word's valence (looked up in lowercase), or None.
    fn valence(&self, word: &str) -> Option<f64> {
        self.inner.valence(word)
    }

    /// The language's ISO 639-3 code.
    #[getter]
    fn language(&self) -> &'static str {
        self.inner.language().code()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Lexicon(language='{}', words={})",
            self.inner.language(),
            self.inner.len()
        )
    }
}
