//! Counting one question's answers (mergeable: counts add) and scoring them: NPS, a rating's
//! mean and boxes, yes/no and choice shares, the sentiment of comments.

use super::definition::{Question, QuestionType};
use super::responses::Answer;
use crate::experiment::distributions::Reference;
use crate::survey::nps::Z95;
use crate::{NpsSummary, NpsTally, SentimentAnalyzer, SentimentLabel};
use serde::{Deserialize, Serialize};

/// One question's answers as counts: per point of a scale, no/yes, per choice, or the
/// sentiment labels of comments (positive, neutral, negative, unscored).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct QuestionTally {
    pub answered: u64,
    pub skipped: u64,
    pub counts: Vec<u64>,
    /// Compound scores in ten-thousandths (VADER rounds them to 4 decimals): an exact sum.
    pub compound_sum: i64,
}

impl QuestionTally {
    pub(crate) fn new(q: &Question) -> Self {
        let slots = match q.kind {
            k if k.is_scale() => usize::from(q.max.unwrap_or(0) - q.min.unwrap_or(0)) + 1,
            QuestionType::YesNo => 2,
            QuestionType::SingleChoice | QuestionType::MultipleChoice => q.choices.len(),
            _ => 4,
        };
        QuestionTally {
            counts: vec![0; slots],
            ..Default::default()
        }
    }

    /// Adds an answer (`None`: skipped) to `q`'s counts.
    pub(crate) fn add(&mut self, q: &Question, answer: Option<&Answer>) {
        let Some(a) = answer else {
            self.skipped += 1;
            return;
        };
        self.answered += 1;
        match a {
            Answer::Scale(x) => self.counts[usize::from(q.scored(*x) - q.min.unwrap_or(0))] += 1,
            Answer::YesNo(b) => self.counts[usize::from(*b)] += 1,
            Answer::Choices(cs) => {
                for c in cs {
                    if let Some(i) = q.choices.iter().position(|x| x == c) {
                        self.counts[i] += 1;
                    }
                }
            }
            Answer::Text(t) if q.kind == QuestionType::SingleChoice => {
                if let Some(i) = q.choices.iter().position(|x| x == t) {
                    self.counts[i] += 1;
                }
            }
            Answer::Text(t) => match SentimentAnalyzer::english().score(t) {
                Ok(s) => {
                    let slot = match s.label {
                        SentimentLabel::Positive => 0,
                        SentimentLabel::Neutral => 1,
                        SentimentLabel::Negative => 2,
                        SentimentLabel::Unscored => 3,
                    };
                    self.counts[slot] += 1;
                    self.compound_sum += (s.compound.unwrap_or(0.0) * 1e4).round() as i64;
                }
                // A text of only whitespace was read as skipped; nothing else is refused.
                Err(_) => self.counts[3] += 1,
            },
        }
    }

    pub(crate) fn merge(&mut self, other: &QuestionTally) {
        self.answered += other.answered;
        self.skipped += other.skipped;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.compound_sum += other.compound_sum;
    }

    /// The sum and count of `q`'s answers placed on 0–100 (scales and yes/no).
    pub(crate) fn on_hundred(&self, q: &Question) -> (f64, u64) {
        let lo = q.min.unwrap_or(0);
        let sum = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| c as f64 * q.on_hundred(lo + i as u8))
            .sum();
        (sum, self.answered)
    }

    pub(crate) fn score(&self, q: &Question) -> QuestionScore {
        let mut s = QuestionScore {
            question: q.id.clone(),
            kind: q.kind,
            responses: self.answered,
            skipped: self.skipped,
            nps: None,
            rating: None,
            yes_no: None,
            choices: None,
            sentiment: None,
        };
        match q.kind {
            QuestionType::Nps => {
                let mut t = NpsTally::default();
                t.counts.copy_from_slice(&self.counts);
                s.nps = Some(t.summary());
            }
            k if k.is_scale() => s.rating = Some(self.rating(q)),
            QuestionType::YesNo => {
                let (no, yes) = (self.counts[0], self.counts[1]);
                let (share, margin) = share(yes, self.answered);
                s.yes_no = Some(YesNoScore {
                    yes,
                    no,
                    yes_share: share,
                    margin_of_error: margin,
                });
            }
            QuestionType::SingleChoice | QuestionType::MultipleChoice => {
                s.choices = Some(
                    q.choices
                        .iter()
                        .zip(&self.counts)
                        .map(|(c, &n)| ChoiceCount {
                            choice: c.clone(),
                            count: n,
                            share: share(n, self.answered).0,
                        })
                        .collect(),
                )
            }
            _ => {
                let scored = self.counts[0] + self.counts[1] + self.counts[2];
                s.sentiment = Some(CommentSentiment {
                    positive: self.counts[0],
                    neutral: self.counts[1],
                    negative: self.counts[2],
                    unscored: self.counts[3],
                    negative_share: share(self.counts[2], scored).0,
                    mean_compound: (scored > 0)
                        .then(|| self.compound_sum as f64 / 1e4 / scored as f64),
                })
            }
        }
        s
    }

    fn rating(&self, q: &Question) -> RatingScore {
        let (lo, hi) = (q.min.unwrap_or(0), q.max.unwrap_or(0));
        let n = self.answered;
        let points = || (lo..=hi).zip(self.counts.iter().copied());
        let box_count = |b: &[u8]| {
            points()
                .filter(|(p, _)| b.contains(p))
                .map(|(_, c)| c)
                .sum()
        };
        let mean =
            (n > 0).then(|| points().map(|(p, c)| f64::from(p) * c as f64).sum::<f64>() / n as f64);
        let std_dev = mean.filter(|_| n > 1).map(|m| {
            let ss: f64 = points()
                .map(|(p, c)| c as f64 * (f64::from(p) - m).powi(2))
                .sum();
            (ss / (n - 1) as f64).sqrt()
        });
        let margin =
            std_dev.map(|sd| Reference::T((n - 1) as f64).quantile(0.975) * sd / (n as f64).sqrt());
        let (top, bottom): (u64, u64) = (box_count(&q.top_box), box_count(&q.bottom_box));
        let (top_share, top_margin) = share(top, n);
        let (bottom_share, bottom_margin) = share(bottom, n);
        RatingScore {
            min: lo,
            max: hi,
            counts: self.counts.clone(),
            mean,
            std_dev,
            margin_of_error: margin,
            top_box: top,
            top_box_share: top_share,
            top_box_margin: top_margin,
            bottom_box: bottom,
            bottom_box_share: bottom_share,
            bottom_box_margin: bottom_margin,
        }
    }
}

/// A share in percent with its 95% margin (normal approximation), `None` without answers.
pub(crate) fn share(k: u64, n: u64) -> (Option<f64>, Option<f64>) {
    if n == 0 {
        return (None, None);
    }
    let p = k as f64 / n as f64;
    (
        Some(100.0 * p),
        Some(100.0 * Z95 * (p * (1.0 - p) / n as f64).sqrt()),
    )
}

/// One question's scores; the field of its type is set, the others are `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionScore {
    /// The question's id.
    pub question: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// Responses that answered it.
    pub responses: u64,
    /// Responses that skipped it.
    pub skipped: u64,
    /// An NPS question's score.
    pub nps: Option<NpsSummary>,
    /// A rating's (CSAT, CES, Likert, any scale) mean and boxes.
    pub rating: Option<RatingScore>,
    /// A yes/no question's share of yes.
    pub yes_no: Option<YesNoScore>,
    /// A choice question's counts, in the question's order.
    pub choices: Option<Vec<ChoiceCount>>,
    /// A free-text question's sentiment (VADER, English lexicon).
    pub sentiment: Option<CommentSentiment>,
}

/// A rating's scores, after reversing. Shares are percentages of the answers; each margin is
/// the half-width of a 95% interval (Student's t for the mean, the normal approximation for
/// a share). `None` means no data (no answers; one answer for a spread).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingScore {
    /// The scale's lowest point.
    pub min: u8,
    /// Its highest point.
    pub max: u8,
    /// Answers per point, from `min` to `max`.
    pub counts: Vec<u64>,
    /// The mean answer.
    pub mean: Option<f64>,
    /// The sample standard deviation (n − 1).
    pub std_dev: Option<f64>,
    /// The mean's 95% margin of error.
    pub margin_of_error: Option<f64>,
    /// Answers in the top box (satisfied, low effort).
    pub top_box: u64,
    /// Their percentage: CSAT, or the CES "easy" share.
    pub top_box_share: Option<f64>,
    /// Its 95% margin, in points.
    pub top_box_margin: Option<f64>,
    /// Answers in the bottom box.
    pub bottom_box: u64,
    /// Their percentage.
    pub bottom_box_share: Option<f64>,
    /// Its 95% margin, in points.
    pub bottom_box_margin: Option<f64>,
}

/// A yes/no question's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YesNoScore {
    /// Yes answers.
    pub yes: u64,
    /// No answers.
    pub no: u64,
    /// The percentage of yes.
    pub yes_share: Option<f64>,
    /// Its 95% margin, in points.
    pub margin_of_error: Option<f64>,
}

/// How often one choice was picked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceCount {
    /// The choice.
    pub choice: String,
    /// Responses that picked it.
    pub count: u64,
    /// Their percentage of the responses that answered (a multiple-choice question's shares
    /// may add up to more than 100).
    pub share: Option<f64>,
}

/// The sentiment of a free-text question's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentSentiment {
    /// Comments with a compound score of at least 0.05.
    pub positive: u64,
    /// Comments between −0.05 and 0.05.
    pub neutral: u64,
    /// Comments of −0.05 or less.
    pub negative: u64,
    /// Comments in a language without a lexicon (not counted as neutral).
    pub unscored: u64,
    /// The percentage of negative comments among the scored ones.
    pub negative_share: Option<f64>,
    /// The mean compound score of the scored comments.
    pub mean_compound: Option<f64>,
}
