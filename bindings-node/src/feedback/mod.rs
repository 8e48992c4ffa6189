//! The voice of the customer (core: `core/src/feedback/`): `sentiment(text)`,
//! `sentiments(texts)`, `sentimentsAsync(texts)` and the `SentimentAnalyzer` class
//! (`sentiment.rs`), the `Lexicon` class (`lexicon.rs`), `voiceOfCustomer(comments)` and
//! `voiceOfCustomerAsync` (`voice.rs`).

pub(crate) mod lexicon;
pub(crate) mod sentiment;
mod voice;
