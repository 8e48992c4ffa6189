//! Sentiment of what customers write, scored as VADER scores it (Hutto & Gilbert, ICWSM-14):
//! negative, neutral and positive proportions and a compound score in [−1, 1], the same
//! numbers as the vaderSentiment package (3.3.2) gives for the same text.

pub(crate) mod lexicon;
pub(crate) mod rules;
mod score;
pub(crate) mod text;
mod words;

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use self::lexicon::Lexicon;
use self::rules::polarity_scores;
pub(crate) use self::rules::Scratch;
pub(crate) use self::words::is_rule_word;
use super::language::{self, Language};
use crate::model::error::{RecordRef, Result, TouchpointError};
use crate::model::limits::MAX_TEXT_BYTES;
use crate::parallel;

/// How texts are scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SentimentOptions {
    /// Detect each text's language, and leave a text unscored when it is reliably detected
    /// as a language no loaded lexicon is for (default `true`). With `false`, every text is
    /// scored with the first lexicon, as vaderSentiment does.
    pub detect_language: bool,
    /// The compound score at or above which a text is positive, and at or below whose
    /// negative it is negative (default 0.05, VADER's recommendation); in `[0, 1)`.
    pub threshold: f64,
}

impl Default for SentimentOptions {
    fn default() -> Self {
        SentimentOptions {
            detect_language: true,
            threshold: 0.05,
        }
    }
}

/// Whether a text reads positive, neutral or negative, or could not be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentimentLabel {
    /// Compound at or above the threshold.
    Positive,
    /// Compound strictly between the thresholds.
    Neutral,
    /// Compound at or below minus the threshold.
    Negative,
    /// Written in a language no loaded lexicon is for: not scored, and never counted as
    /// neutral.
    Unscored,
}

/// The sentiment of one text. The four scores are `None` only when the text is unscored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    /// Positive, neutral, negative or unscored.
    pub label: SentimentLabel,
    /// VADER's compound score: the rules' sum normalised to [−1, 1], rounded to 4 decimals.
    pub compound: Option<f64>,
    /// The share of the text's weight that is positive, rounded to 3 decimals.
    pub positive: Option<f64>,
    /// The share that is neutral, rounded to 3 decimals.
    pub neutral: Option<f64>,
    /// The share that is negative, rounded to 3 decimals.
    pub negative: Option<f64>,
    /// The language detected (ISO 639-3), when it was detected reliably.
    pub language: Option<Language>,
}

/// Scores texts with one lexicon per language (VADER's English one by default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentAnalyzer {
    /// Shared: an analyzer with other options reuses the lexicons without copying them.
    lexicons: Arc<[Lexicon]>,
    options: SentimentOptions,
}

impl Default for SentimentAnalyzer {
    fn default() -> Self {
        SentimentAnalyzer::new()
    }
}

impl SentimentAnalyzer {
    /// VADER's English lexicon, default options.
    pub fn new() -> SentimentAnalyzer {
        SentimentAnalyzer {
            lexicons: Arc::new([Lexicon::english()]),
            options: SentimentOptions::default(),
        }
    }

    /// VADER's English analyzer with the default options, read once per process and shared;
    /// [`with_options`](Self::with_options) gives it other options without copying the
    /// lexicon.
    pub fn english() -> &'static SentimentAnalyzer {
        static ENGLISH: std::sync::OnceLock<SentimentAnalyzer> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(SentimentAnalyzer::new)
    }

    /// An analyzer with these lexicons (at most one per language; the first scores texts
    /// whose language is not detected) and options. No lexicon, two for one language, or a
    /// threshold outside `[0, 1)` is an `INVALID_CONFIG` error.
    pub fn with_lexicons(lexicons: Vec<Lexicon>, options: SentimentOptions) -> Result<Self> {
        if lexicons.is_empty() {
            return Err(config("lexicons", "give at least one lexicon".to_string()));
        }
        for (i, lexicon) in lexicons.iter().enumerate() {
            if lexicons[..i]
                .iter()
                .any(|l| l.language() == lexicon.language())
            {
                let message = format!("two lexicons for `{}`", lexicon.language());
                return Err(config("lexicons", message));
            }
        }
        SentimentAnalyzer {
            lexicons: lexicons.into(),
            options: SentimentOptions::default(),
        }
        .with_options(options)
    }

    /// This analyzer's lexicons (shared, not copied) with other options; a threshold outside
    /// `[0, 1)` is an `INVALID_CONFIG` error.
    pub fn with_options(&self, options: SentimentOptions) -> Result<Self> {
        if !(0.0..1.0).contains(&options.threshold) {
            let message = format!("{} is not in [0, 1)", options.threshold);
            return Err(config("threshold", message));
        }
        Ok(SentimentAnalyzer {
            lexicons: Arc::clone(&self.lexicons),
            options,
        })
    }

    /// The lexicons, the first being the default.
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    /// The options.
    pub fn options(&self) -> SentimentOptions {
        self.options
    }

    /// The sentiment of one text. An empty (or blank) text, or one longer than
    /// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES), is an error naming `text`.
    pub fn score(&self, text: &str) -> Result<Sentiment> {
        self.score_one(text, RecordRef::Record(1), &mut Scratch::default())
    }

    /// The sentiment of each text, in order, scored in parallel. The first bad text is an
    /// error naming its record (1-based).
    pub fn score_all<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<Sentiment>> {
        let walk = |lo: usize, hi: usize| -> Result<Vec<Sentiment>> {
            let mut scratch = Scratch::default();
            (lo..hi)
                .map(|i| {
                    self.score_one(
                        texts[i].as_ref(),
                        RecordRef::Record(i as u64 + 1),
                        &mut scratch,
                    )
                })
                .collect()
        };
        let merge = |a: Result<Vec<Sentiment>>, b: Result<Vec<Sentiment>>| {
            let mut a = a?;
            a.extend(b?);
            Ok(a)
        };
        let leaf = parallel::leaf_size(texts.len(), 512);
        parallel::install(|| parallel::split(0, texts.len(), leaf, &walk, &merge))
    }

    /// [`score`](Self::score) in buffers kept between texts, naming `record` in an error.
    pub(crate) fn score_in(
        &self,
        text: &str,
        record: RecordRef,
        scratch: &mut Scratch,
    ) -> Result<Sentiment> {
        self.score_one(text, record, scratch)
    }

    fn score_one(&self, text: &str, record: RecordRef, scratch: &mut Scratch) -> Result<Sentiment> {
        check_text(text, record)?;
        let (lexicon, detected) = if self.options.detect_language {
            language::choose(text, &self.lexicons)
        } else {
            (Some(0), None)
        };
        let Some(lexicon) = lexicon.map(|i| &self.lexicons[i]) else {
            return Ok(Sentiment {
                label: SentimentLabel::Unscored,
                compound: None,
                positive: None,
                neutral: None,
                negative: None,
                language: detected,
            });
        };
        let scores = polarity_scores(lexicon, text, scratch);
        let t = self.options.threshold;
        let label = if scores.compound >= t && scores.compound != 0.0 {
            SentimentLabel::Positive
        } else if scores.compound <= -t && scores.compound != 0.0 {
            SentimentLabel::Negative
        } else {
            SentimentLabel::Neutral
        };
        Ok(Sentiment {
            label,
            compound: Some(scores.compound),
            positive: Some(scores.positive),
            neutral: Some(scores.neutral),
            negative: Some(scores.negative),
            language: detected,
        })
    }
}

/// The sentiment of `text` with VADER's English lexicon and default options.
pub fn sentiment(text: &str) -> Result<Sentiment> {
    SentimentAnalyzer::english().score(text)
}

fn config(option: &str, message: String) -> TouchpointError {
    TouchpointError::InvalidConfig {
        option: option.to_string(),
        message,
    }
}

/// Checks a text: not blank, not longer than `MAX_TEXT_BYTES`.
fn check_text(text: &str, record: RecordRef) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(TouchpointError::OutOfRange {
            record,
            field: "text".to_string(),
            value: format!("{} bytes", text.len()),
            expected: format!("at most {MAX_TEXT_BYTES} bytes"),
        });
    }
    if text::trim(text).is_empty() {
        return Err(TouchpointError::InvalidRecord {
            record,
            field: "text".to_string(),
            message: "the text is empty".to_string(),
        });
    }
    Ok(())
}

/// Text from bytes a binding was given: valid UTF-8, or an `INVALID_RECORD` error naming
/// the record, the field and the first bad byte.
pub fn text_from_utf8<'a>(bytes: &'a [u8], record: RecordRef, field: &str) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| TouchpointError::InvalidRecord {
        record,
        field: field.to_string(),
        message: format!("is not valid UTF-8 (byte {})", e.valid_up_to()),
    })
}

#[cfg(test)]
mod tests;
