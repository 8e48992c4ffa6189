//! `sentiment(text, options)`, `sentiments(texts, options)` and the `SentimentAnalyzer`
//! class (core: `core/src/feedback/sentiment/`).

use std::rc::Rc;

use super::lexicon::{Lexicon, COPY};
use crate::convert::{describe, to_js};
use crate::error::argument_error;
use crate::value::{instance, options, thrown};
use touchpoint::{RecordRef, SentimentOptions, TouchpointError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The core's English analyzer with `o` (its lexicon shared, not copied).
fn default_analyzer(o: SentimentOptions) -> Result<touchpoint::SentimentAnalyzer, JsValue> {
    thrown(touchpoint::SentimentAnalyzer::english().with_options(o))
}

/// A text: a string (one with a lone surrogate is refused, not silently changed), or a
/// `Uint8Array` of UTF-8 (invalid UTF-8 is `INVALID_RECORD` naming the record and `text`).
fn text_of(value: &JsValue, record: RecordRef) -> Result<String, JsValue> {
    let invalid = |message: &str| {
        thrown::<String>(Err(TouchpointError::InvalidRecord {
            record,
            field: "text".into(),
            message: message.into(),
        }))
    };
    if let Some(text) = value.as_string() {
        if text.contains(char::REPLACEMENT_CHARACTER)
            && !value.unchecked_ref::<js_sys::JsString>().is_valid_utf16()
        {
            return invalid("is not valid Unicode: it has a lone surrogate");
        }
        return Ok(text);
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        let bytes = bytes.to_vec();
        return Ok(thrown(touchpoint::text_from_utf8(&bytes, record, "text"))?.to_string());
    }
    if value.is_null() || value.is_undefined() {
        return invalid("is missing (null or undefined)");
    }
    let message = format!("expected a string or a Uint8Array, got {}", describe(value));
    Err(argument_error("text", Some(record), &message))
}

/// The texts of an array (or other iterable) of strings.
fn texts_of(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if value.is_string() || !value.is_object() {
        let message = format!("expected an array of texts, got {}", describe(value));
        return Err(argument_error("texts", None, &message));
    }
    let list = js_sys::Array::from(value);
    let mut out = Vec::with_capacity(list.length() as usize);
    for (i, item) in list.iter().enumerate() {
        out.push(text_of(&item, RecordRef::Record(i as u64 + 1))?);
    }
    Ok(out)
}

/// The sentiment of one text with VADER's English lexicon: `label` (`"positive"`,
/// `"neutral"`, `"negative"` or `"unscored"`), `compound`, `positive`, `neutral`,
/// `negative` (null when unscored) and `language` (ISO 639-3, null when not detected).
/// @throws {TouchpointError} `INVALID_RECORD` for an empty text or invalid UTF-8,
/// `OUT_OF_RANGE` for a text over 1 MiB, `INVALID_CONFIG` for a bad option.
#[wasm_bindgen(unchecked_return_type = "Sentiment")]
pub fn sentiment(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SentimentOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let analyzer = default_analyzer(self::options(&options)?)?;
    to_js(&thrown(
        analyzer.score(&text_of(&text, RecordRef::Record(1))?),
    )?)
}

/// The sentiment of each text, in order.
/// @throws {TouchpointError} as `sentiment`, naming the record (1-based).
#[wasm_bindgen(unchecked_return_type = "Sentiment[]")]
pub fn sentiments(
    #[wasm_bindgen(unchecked_param_type = "Iterable<string | Uint8Array>")] texts: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SentimentOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let analyzer = default_analyzer(self::options(&options)?)?;
    to_js(&thrown(analyzer.score_all(&texts_of(&texts)?))?)
}

/// Scores texts with one lexicon per language (VADER's English one by default). Make one
/// with `SentimentAnalyzer.withLexicons(lexicons, options)`; there is no public constructor
/// (as for every class of the package: objects from factories are guarded against use after
/// the module re-instantiates itself).
#[wasm_bindgen]
pub struct SentimentAnalyzer {
    inner: Rc<touchpoint::SentimentAnalyzer>,
}

impl From<touchpoint::SentimentAnalyzer> for SentimentAnalyzer {
    fn from(a: touchpoint::SentimentAnalyzer) -> Self {
        SentimentAnalyzer { inner: Rc::new(a) }
    }
}

#[wasm_bindgen]
impl SentimentAnalyzer {
    /// An analyzer with these lexicons (the first scores texts whose language is not
    /// detected; default: `[Lexicon.english()]`) and options.
    /// @throws {TouchpointError} `INVALID_CONFIG`: no lexicon, two for one language, a bad
    /// option; `INVALID_ARGUMENT` for an element that is not a `Lexicon`.
    #[wasm_bindgen(js_name = withLexicons)]
    pub fn with_lexicons(
        #[wasm_bindgen(unchecked_optional_param_type = "Lexicon[] | null")] lexicons: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SentimentOptions | null")] options: JsValue,
    ) -> Result<SentimentAnalyzer, JsValue> {
        let o: SentimentOptions = self::options(&options)?;
        let lexicons = if lexicons.is_null() || lexicons.is_undefined() {
            vec![touchpoint::Lexicon::english()]
        } else {
            if !lexicons.is_object() {
                let message = format!("expected an array of Lexicon, got {}", describe(&lexicons));
                return Err(argument_error("lexicons", None, &message));
            }
            let mut out = Vec::new();
            for (i, item) in js_sys::Array::from(&lexicons).iter().enumerate() {
                match instance::<Lexicon>(&item, COPY)? {
                    Some(l) => out.push(l.inner),
                    None => {
                        let message = format!("expected a Lexicon, got {}", describe(&item));
                        return Err(argument_error(
                            "lexicons",
                            Some(RecordRef::Record(i as u64 + 1)),
                            &message,
                        ));
                    }
                }
            }
            out
        };
        Ok(SentimentAnalyzer::from(thrown(
            touchpoint::SentimentAnalyzer::with_lexicons(lexicons, o),
        )?))
    }

    /// The sentiment of one text, as `sentiment` gives it.
    #[wasm_bindgen(unchecked_return_type = "Sentiment")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&thrown(
            self.inner.score(&text_of(&text, RecordRef::Record(1))?),
        )?)
    }

    /// The sentiment of each text, as `sentiments` gives it.
    #[wasm_bindgen(js_name = scoreAll, unchecked_return_type = "Sentiment[]")]
    pub fn score_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Iterable<string | Uint8Array>")] texts: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&thrown(self.inner.score_all(&texts_of(&texts)?))?)
    }

    /// The languages of the lexicons (ISO 639-3), the default first.
    #[wasm_bindgen(getter)]
    pub fn languages(&self) -> Vec<String> {
        self.inner
            .lexicons()
            .iter()
            .map(|l| l.language().code().to_string())
            .collect()
    }
}
