//! The voice of the customer (core: `core/src/feedback/`): `sentiment(text)`,
//! `sentiments(texts)` and the `SentimentAnalyzer` class (`sentiment.rs`), the `Lexicon`
//! class (`lexicon.rs`), and `voiceOfCustomer(comments, options)` (`voice.rs`).

pub mod lexicon;
pub mod sentiment;
pub mod voice;

use wasm_bindgen::JsValue;

/// Guards the classes of this area against use after a re-instantiation (as `Dataset`).
pub(crate) fn guard_instances(guard: impl Fn(JsValue)) {
    let empty = touchpoint::Lexicon::empty(touchpoint::Language::ENGLISH);
    guard(JsValue::from(lexicon::Lexicon {
        inner: empty.clone(),
    }));
    let analyzer = touchpoint::SentimentAnalyzer::with_lexicons(vec![empty], Default::default())
        .expect("one lexicon, default options");
    guard(JsValue::from(sentiment::SentimentAnalyzer::from(analyzer)));
}
