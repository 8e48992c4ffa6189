//! The voice of the customer (core: `core/src/feedback/`): `sentiment(text)`,
//! `sentiments(texts)` (`sentiment.rs`), `SentimentAnalyzer` (`sentiment.rs`) and `Lexicon`
//! (`lexicon.rs`).

mod lexicon;
mod sentiment;

use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<lexicon::Lexicon>()?;
    m.add_class::<sentiment::SentimentAnalyzer>()?;
    m.add_function(wrap_pyfunction!(sentiment::sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(sentiment::sentiments, m)?)?;
    Ok(())
}
