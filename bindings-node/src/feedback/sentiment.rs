//! `sentiment(text, options)`, `sentiments(texts, options)`, `sentimentsAsync` and the
//! `SentimentAnalyzer` class (core: `core/src/feedback/sentiment/`).

use std::sync::Arc;

use super::lexicon::Lexicon;
use crate::error::{describe, element_error, guard, plain, to_js, to_value};
use crate::task::{Job, Pending};
use crate::value::{carried, options, thrown};
use napi::bindgen_prelude::{
    Array, ClassInstance, FromNapiValue, JavaScriptClassExt, Uint8Array, Unknown, Utf16String,
};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use serde_json::Value;
use touchpoint::{RecordRef, SentimentOptions, TouchpointError};

/// The core's English analyzer with `o` (its lexicon shared, not copied).
fn default_analyzer(
    env: &Env,
    o: SentimentOptions,
) -> napi::Result<Arc<touchpoint::SentimentAnalyzer>> {
    Ok(Arc::new(thrown(
        env,
        touchpoint::SentimentAnalyzer::english().with_options(o),
    )?))
}

/// A text: a string, or a `Uint8Array` / `Buffer` of UTF-8 (invalid UTF-8 is
/// `INVALID_RECORD` naming the record and `text`).
fn text_of(env: &Env, value: Unknown<'_>, record: RecordRef) -> napi::Result<String> {
    match value.get_type()? {
        ValueType::String => {
            let text = String::from_unknown(value)?;
            // napi-rs replaces a lone surrogate with U+FFFD: only then is the text read again
            // as UTF-16, to refuse it rather than score a changed text.
            if text.contains(char::REPLACEMENT_CHARACTER)
                && String::from_utf16(&Utf16String::from_unknown(value)?).is_err()
            {
                return thrown(
                    env,
                    Err(TouchpointError::InvalidRecord {
                        record,
                        field: "text".into(),
                        message: "is not valid Unicode: it has a lone surrogate".into(),
                    }),
                );
            }
            Ok(text)
        }
        ValueType::Object if value.is_typedarray()? => {
            let bytes = Uint8Array::from_unknown(value)?;
            let text = thrown(env, touchpoint::text_from_utf8(&bytes, record, "text"))?;
            Ok(text.to_string())
        }
        ValueType::Undefined | ValueType::Null => thrown(
            env,
            Err(TouchpointError::InvalidRecord {
                record,
                field: "text".into(),
                message: "is missing (null or undefined)".into(),
            }),
        ),
        _ => {
            let got = describe(value)?;
            Err(element_error(
                env,
                "text",
                record,
                &format!("expected a string or a Uint8Array, got {got}"),
            ))
        }
    }
}

/// The texts of an array (or other iterable) of strings.
fn texts_of(env: &Env, value: Unknown<'_>) -> napi::Result<Vec<String>> {
    let list: Array<'_> = crate::js::items(env, value, "texts", "an array of texts")?;
    let mut out = Vec::with_capacity(list.len() as usize);
    for i in 0..list.len() {
        let item: Unknown<'_> = list
            .get(i)?
            .ok_or_else(|| napi::Error::from_reason("the list got shorter while it was read"))?;
        out.push(text_of(env, item, RecordRef::Record(u64::from(i) + 1))?);
    }
    Ok(out)
}

fn score_one<'env>(
    env: &'env Env,
    a: &touchpoint::SentimentAnalyzer,
    text: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let text = text_of(env, text, RecordRef::Record(1))?;
    plain(env, thrown(env, a.score(&text))?)
}

fn score_all<'env>(
    env: &'env Env,
    a: &touchpoint::SentimentAnalyzer,
    texts: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let texts = texts_of(env, texts)?;
    plain(env, thrown(env, a.score_all(&texts))?)
}

fn score_all_async(
    env: &Env,
    a: Arc<touchpoint::SentimentAnalyzer>,
    texts: Unknown<'_>,
) -> napi::Result<Pending<Value>> {
    Job::start(env, || {
        let texts = texts_of(env, texts)?;
        Ok(Job::spawn(
            move || to_value(carried(a.score_all(&texts))?),
            to_js,
        ))
    })
}

/// The sentiment of one text with VADER's English lexicon: `label` (`"positive"`,
/// `"neutral"`, `"negative"` or `"unscored"`), `compound`, `positive`, `neutral`,
/// `negative` (null when unscored) and `language` (ISO 639-3, null when not detected).
/// @throws {TouchpointError} `INVALID_RECORD` for an empty text or invalid UTF-8,
/// `OUT_OF_RANGE` for a text over 1 MiB, `INVALID_CONFIG` for a bad option.
#[napi(
    ts_args_type = "text: string | Uint8Array, options?: SentimentOptions | null",
    ts_return_type = "Sentiment"
)]
pub fn sentiment<'env>(
    env: &'env Env,
    text: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        score_one(
            env,
            &*default_analyzer(env, self::options(env, options)?)?,
            text,
        )
    })
}

/// The sentiment of each text, in order (scored in parallel).
/// @throws {TouchpointError} as `sentiment`, naming the record (1-based).
#[napi(
    ts_args_type = "texts: Iterable<string | Uint8Array>, options?: SentimentOptions | null",
    ts_return_type = "Sentiment[]"
)]
pub fn sentiments<'env>(
    env: &'env Env,
    texts: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        score_all(
            env,
            &*default_analyzer(env, self::options(env, options)?)?,
            texts,
        )
    })
}

/// `sentiments` on the libuv thread pool; rejects (never throws) with the same errors.
#[napi(
    ts_args_type = "texts: Iterable<string | Uint8Array>, options?: SentimentOptions | null",
    ts_return_type = "Promise<Sentiment[]>"
)]
pub fn sentiments_async(
    env: Env,
    texts: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<Value>> {
    match self::options(&env, options).and_then(|o| default_analyzer(&env, o)) {
        Ok(a) => score_all_async(&env, a, texts),
        Err(e) => Job::start(&env, || Err(e)),
    }
}

/// Scores texts with one lexicon per language (VADER's English one by default). Make one
/// with `SentimentAnalyzer.withLexicons(lexicons, options)`; there is no public constructor
/// (as for every class of the package).
#[napi]
pub struct SentimentAnalyzer {
    inner: Arc<touchpoint::SentimentAnalyzer>,
}

#[napi]
impl SentimentAnalyzer {
    /// An analyzer with these lexicons (the first scores texts whose language is not
    /// detected; default: `[Lexicon.english()]`) and options.
    /// @throws {TouchpointError} `INVALID_CONFIG`: no lexicon, two for one language, a bad
    /// option; `INVALID_ARGUMENT` for an element that is not a `Lexicon`.
    #[napi(
        factory,
        ts_args_type = "lexicons?: Lexicon[] | null, options?: SentimentOptions | null"
    )]
    pub fn with_lexicons(
        env: Env,
        lexicons: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let o: SentimentOptions = self::options(&env, options)?;
            let lexicons = match lexicons.get_type()? {
                ValueType::Undefined | ValueType::Null => vec![touchpoint::Lexicon::english()],
                _ => {
                    let list: Array<'_> =
                        crate::js::items(&env, lexicons, "lexicons", "an array of Lexicon")?;
                    let mut out = Vec::new();
                    for i in 0..list.len() {
                        let item: Unknown<'_> = list.get(i)?.ok_or_else(|| {
                            napi::Error::from_reason("the list got shorter while it was read")
                        })?;
                        if item.get_type()? != ValueType::Object
                            || !Lexicon::instance_of(&env, &item)?
                        {
                            let got = describe(item)?;
                            return Err(element_error(
                                &env,
                                "lexicons",
                                RecordRef::Record(u64::from(i) + 1),
                                &format!("expected a Lexicon, got {got}"),
                            ));
                        }
                        out.push(ClassInstance::<Lexicon>::from_unknown(item)?.inner.clone());
                    }
                    out
                }
            };
            let inner = thrown(
                &env,
                touchpoint::SentimentAnalyzer::with_lexicons(lexicons, o),
            )?;
            Ok(SentimentAnalyzer {
                inner: Arc::new(inner),
            })
        })
    }

    /// The sentiment of one text, as `sentiment` gives it.
    #[napi(
        ts_args_type = "text: string | Uint8Array",
        ts_return_type = "Sentiment"
    )]
    pub fn score<'env>(&self, env: &'env Env, text: Unknown<'_>) -> napi::Result<Unknown<'env>> {
        guard(env, || score_one(env, &self.inner, text))
    }

    /// The sentiment of each text, as `sentiments` gives it.
    #[napi(
        ts_args_type = "texts: Iterable<string | Uint8Array>",
        ts_return_type = "Sentiment[]"
    )]
    pub fn score_all<'env>(
        &self,
        env: &'env Env,
        texts: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || score_all(env, &self.inner, texts))
    }

    /// `scoreAll` on the libuv thread pool.
    #[napi(
        ts_args_type = "texts: Iterable<string | Uint8Array>",
        ts_return_type = "Promise<Sentiment[]>"
    )]
    pub fn score_all_async(&self, env: Env, texts: Unknown<'_>) -> napi::Result<Pending<Value>> {
        score_all_async(&env, Arc::clone(&self.inner), texts)
    }

    /// The languages of the lexicons (ISO 639-3), the default first.
    #[napi(getter)]
    pub fn languages(&self) -> Vec<&'static str> {
        self.inner
            .lexicons()
            .iter()
            .map(|l| l.language().code())
            .collect()
    }
}
