//! The voice of the customer (core: `core/src/feedback/`): `sentiment(text)`,
//! `sentiments(texts)` (`sentiment.rs`), `SentimentAnalyzer` (`sentiment.rs`) and `Lexicon`
//! (`lexicon.rs`), and `voice_of_customer(comments, **options)` (`voice.rs`).

mod lexicon;
mod sentiment;
mod voice;

use pyo3::prelude::*;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<lexicon::Lexicon>()?;
    m.add_class::<sentiment::SentimentAnalyzer>()?;
    m.add_function(wrap_pyfunction!(sentiment::sentiment, m)?)?;
    m.add_function(wrap_pyfunction!(sentiment::sentiments, m)?)?;
    m.add_function(wrap_pyfunction!(voice::voice_of_customer, m)?)?;
    Ok(())
}
