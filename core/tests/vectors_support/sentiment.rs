//! The `sentiment` op of `vectors/sentiment.json`.

use super::inputs;
use serde_json::{json, Value};
use touchpoint::{Language, Lexicon, RecordRef, Result, SentimentAnalyzer, SentimentOptions};

/// One lexicon of the case: `text` in VADER's format, else English (or empty for another
/// language), then `words` set and `remove` removed.
fn lexicon(spec: &Value) -> Result<Lexicon> {
    let language = Language::from_code(spec["language"].as_str().unwrap_or("eng"), "language")?;
    let mut lexicon = match spec["text"].as_str() {
        Some(text) => Lexicon::parse(language, text)?,
        None if language == Language::ENGLISH => Lexicon::english(),
        None => Lexicon::empty(language),
    };
    if let Some(words) = spec["words"].as_object() {
        for (word, valence) in words {
            lexicon.set_word(word, valence.as_f64().expect("a valence"))?;
        }
    }
    for word in spec["remove"].as_array().into_iter().flatten() {
        lexicon.remove_word(word.as_str().expect("a word"));
    }
    Ok(lexicon)
}

pub fn run(input: &Value) -> Result<Value> {
    let options: SentimentOptions = touchpoint::options_from_value(input["options"].clone())?;
    let lexicons = match input["lexicons"].as_array() {
        Some(specs) => specs.iter().map(lexicon).collect::<Result<Vec<_>>>()?,
        None => vec![Lexicon::english()],
    };
    let analyzer = SentimentAnalyzer::with_lexicons(lexicons, options)?;
    if !input["text"].is_null() {
        let bytes = inputs::text(&input["text"]);
        let text = touchpoint::text_from_utf8(&bytes, RecordRef::Record(1), "text")?;
        return Ok(serde_json::to_value(analyzer.score(text)?).unwrap());
    }
    let bytes: Vec<Vec<u8>> = input["texts"]
        .as_array()
        .expect("texts")
        .iter()
        .map(inputs::text)
        .collect();
    let mut texts = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        texts.push(touchpoint::text_from_utf8(
            b,
            RecordRef::Record(i as u64 + 1),
            "text",
        )?);
    }
    Ok(json!({ "sentiments": analyzer.score_all(&texts)? }))
}
