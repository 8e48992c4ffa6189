//! What a survey asks: its questions, each with a scale, the answers that count as the top
//! (satisfied, low effort) and bottom boxes, and whether it is reverse-scored; and which
//! questions make up an engagement index.

use crate::model::error::{Result, TouchpointError};
use serde::{Deserialize, Serialize};

/// The kind of a question, and so how its answers are read and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// "How likely are you to recommend us?", 0–10: promoters 9–10, detractors 0–6.
    Nps,
    /// Customer satisfaction, 1 to `points` (default 5).
    Csat,
    /// Customer effort, 1 to `points` (default 7, CES 2.0: 7 = "strongly agree it was easy").
    Ces,
    /// Agreement on 1 to `points` (5 or 7; default 5).
    Likert,
    /// Any whole-number scale from `min` to `max`.
    Rating,
    /// Yes or no.
    YesNo,
    /// One of `choices`.
    SingleChoice,
    /// Any of `choices`.
    MultipleChoice,
    /// Free text (a comment), scored for sentiment.
    Text,
}

impl QuestionType {
    /// Whether answers are whole numbers on a scale (NPS and the ratings).
    pub fn is_scale(self) -> bool {
        matches!(
            self,
            QuestionType::Nps
                | QuestionType::Csat
                | QuestionType::Ces
                | QuestionType::Likert
                | QuestionType::Rating
        )
    }

    /// Whether answers can be placed on 0–100 (scales and yes/no), as an engagement index needs.
    pub fn is_numeric(self) -> bool {
        self.is_scale() || self == QuestionType::YesNo
    }
}

/// One question of a survey, checked: a scale has its `min` and `max` and its boxes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The question's id: the column of a wide export, the `question` of a long one.
    pub id: String,
    /// Its wording, for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// The lowest answer of a scale (NPS: 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u8>,
    /// The highest answer of a scale (NPS: 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u8>,
    /// A scale's favourable answers (satisfied, low effort), after reversing. Default: the
    /// top ⌈30%⌉ of the points (4–5 of 5, 5–7 of 7, 8–10 of 1–10); NPS: 9–10.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub top_box: Vec<u8>,
    /// A scale's unfavourable answers, after reversing. Default: as many points at the bottom
    /// as the default top box has at the top; NPS: 0–6.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bottom_box: Vec<u8>,
    /// Whether the scale runs the other way (1 = best): an answer `a` is scored as
    /// `min + max − a` before anything else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// The choices of a choice question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

/// A question as written by a user: `points` or `min`/`max`, boxes optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionSpec {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(rename = "type")]
    kind: QuestionType,
    #[serde(default)]
    points: Option<u8>,
    #[serde(default)]
    min: Option<u8>,
    #[serde(default)]
    max: Option<u8>,
    #[serde(default)]
    top_box: Option<Vec<u8>>,
    #[serde(default)]
    bottom_box: Option<Vec<u8>>,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    choices: Vec<String>,
}

impl Question {
    /// The scored value of a checked scale answer: reversed when the scale is.
    pub(crate) fn scored(&self, answer: u8) -> u8 {
        match (self.reverse, self.min, self.max) {
            (true, Some(lo), Some(hi)) => lo + hi - answer,
            _ => answer,
        }
    }

    /// A scored answer (or yes = 1 / no = 0) placed on 0–100.
    pub(crate) fn on_hundred(&self, scored: u8) -> f64 {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => 100.0 * f64::from(scored - lo) / f64::from(hi - lo),
            _ => 100.0 * f64::from(scored),
        }
    }

    fn from_spec(s: QuestionSpec) -> std::result::Result<Question, String> {
        let id = s.id.trim().to_string();
        if id.is_empty() {
            return Err("a question's `id` is empty".into());
        }
        let here = |m: String| format!("question `{id}`: {m}");
        let default_points = match s.kind {
            QuestionType::Csat | QuestionType::Likert => Some(5),
            QuestionType::Ces => Some(7),
            _ => None,
        };
        let (min, max) = match s.kind {
            QuestionType::Nps => {
                if s.points.is_some() || s.min.is_some() || s.max.is_some() {
                    return Err(here("an NPS question is always 0–10".into()));
                }
                (Some(0), Some(10))
            }
            QuestionType::Rating => match (s.points, s.min, s.max) {
                (None, Some(lo), Some(hi)) => (Some(lo), Some(hi)),
                (Some(p), None, None) => (Some(1), Some(p)),
                _ => return Err(here("a rating needs `min` and `max` (or `points`)".into())),
            },
            k if k.is_scale() => match (s.points.or(default_points), s.min, s.max) {
                (Some(p), None, None) => (Some(1), Some(p)),
                (_, Some(lo), Some(hi)) if s.points.is_none() => (Some(lo), Some(hi)),
                _ => return Err(here("give `points`, or `min` and `max`".into())),
            },
            _ => {
                if s.points.is_some() || s.min.is_some() || s.max.is_some() || s.reverse {
                    return Err(here(
                        "only a scale has points, a range or a direction".into(),
                    ));
                }
                (None, None)
            }
        };
        if let (Some(lo), Some(hi)) = (min, max) {
            if hi <= lo || hi > 100 {
                return Err(here(format!(
                    "the scale {lo}–{hi} must run upwards and end at 100 at most"
                )));
            }
        }
        let choice_kind = matches!(
            s.kind,
            QuestionType::SingleChoice | QuestionType::MultipleChoice
        );
        if choice_kind && s.choices.is_empty() {
            return Err(here("a choice question needs `choices`".into()));
        }
        if !choice_kind && !s.choices.is_empty() {
            return Err(here("only a choice question has `choices`".into()));
        }
        for (i, c) in s.choices.iter().enumerate() {
            if c.trim().is_empty() || s.choices[..i].contains(c) {
                return Err(here(format!("choice `{c}` is empty or repeated")));
            }
        }
        let (top_box, bottom_box) = match (min, max) {
            (Some(0), Some(10)) if s.kind == QuestionType::Nps => {
                if s.top_box.is_some() || s.bottom_box.is_some() {
                    return Err(here(
                        "NPS boxes are fixed: promoters 9–10, detractors 0–6".into(),
                    ));
                }
                (vec![9, 10], (0..=6).collect())
            }
            (Some(lo), Some(hi)) => {
                let k = (f64::from(hi - lo + 1) * 0.3).ceil() as u8;
                let top = checked_box(s.top_box, lo, hi, (hi + 1 - k..=hi).collect())
                    .map_err(|m| here(format!("top_box: {m}")))?;
                let bottom = checked_box(s.bottom_box, lo, hi, (lo..lo + k).collect())
                    .map_err(|m| here(format!("bottom_box: {m}")))?;
                if top.iter().any(|a| bottom.contains(a)) {
                    return Err(here(
                        "an answer is in both the top and the bottom box".into(),
                    ));
                }
                (top, bottom)
            }
            _ => {
                if s.top_box.is_some() || s.bottom_box.is_some() {
                    return Err(here("only a scale has boxes".into()));
                }
                (Vec::new(), Vec::new())
            }
        };
        Ok(Question {
            id,
            text: s.text,
            kind: s.kind,
            min,
            max,
            top_box,
            bottom_box,
            reverse: s.reverse,
            choices: s.choices,
        })
    }
}

fn checked_box(
    given: Option<Vec<u8>>,
    lo: u8,
    hi: u8,
    default: Vec<u8>,
) -> std::result::Result<Vec<u8>, String> {
    let Some(mut b) = given else {
        return Ok(default);
    };
    if let Some(a) = b.iter().find(|&&a| a < lo || a > hi) {
        return Err(format!("{a} is outside the scale {lo}–{hi}"));
    }
    b.sort_unstable();
    b.dedup();
    if b.is_empty() {
        return Err("empty".into());
    }
    Ok(b)
}

/// A survey: its questions, and which of them make up its engagement index.
///
/// Read from an object (`{"id", "questions", "engagement_index"}`) or from the name of a
/// template (`"nps"`, `"csat"`, `"ces"`, `"engagement"`; see [`survey_template`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    /// The survey's id.
    pub id: String,
    /// Its questions, in order.
    pub questions: Vec<Question>,
    /// The questions (NPS, ratings or yes/no) whose answers, each placed on 0–100, are
    /// averaged into an engagement index; empty for none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub engagement_index: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SurveySpec {
    id: String,
    questions: Vec<QuestionSpec>,
    #[serde(default)]
    engagement_index: Vec<String>,
}

impl Survey {
    /// The question with id `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The position of question `id`.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The ids of every question, for messages.
    pub(crate) fn question_ids(&self) -> String {
        self.questions
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn from_spec(s: SurveySpec) -> std::result::Result<Survey, String> {
        let id = s.id.trim().to_string();
        if id.is_empty() {
            return Err("the survey's `id` is empty".into());
        }
        if s.questions.is_empty() {
            return Err(format!("survey `{id}` has no questions"));
        }
        let questions = s
            .questions
            .into_iter()
            .map(Question::from_spec)
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for (i, q) in questions.iter().enumerate() {
            if questions[..i].iter().any(|p| p.id == q.id) {
                return Err(format!("question id `{}` is used twice", q.id));
            }
        }
        let survey = Survey {
            id,
            questions,
            engagement_index: s.engagement_index,
        };
        for (i, e) in survey.engagement_index.iter().enumerate() {
            match survey.question(e) {
                None => {
                    return Err(format!(
                        "engagement_index: `{e}` is not a question of the survey ({})",
                        survey.question_ids()
                    ))
                }
                Some(q) if !q.kind.is_numeric() => {
                    return Err(format!(
                        "engagement_index: `{e}` is not a scale or yes/no question"
                    ))
                }
                _ if survey.engagement_index[..i].contains(e) => {
                    return Err(format!("engagement_index: `{e}` is listed twice"))
                }
                _ => {}
            }
        }
        Ok(survey)
    }
}

impl<'de> Deserialize<'de> for Survey {
    /// Reads a survey object, or a template's name.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct SurveyVisitor;
        impl<'de> serde::de::Visitor<'de> for SurveyVisitor {
            type Value = Survey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // "struct …": the camelCase reader (`camel_case`) then respells the keys.
                f.write_str("struct Survey, or a template's name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> std::result::Result<Survey, E> {
                survey_template(name).map_err(|e| E::custom(e.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Survey, A::Error> {
                let spec =
                    SurveySpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Survey::from_spec(spec).map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(SurveyVisitor)
    }
}

fn q(id: &str, kind: QuestionType, text: &str) -> QuestionSpec {
    QuestionSpec {
        id: id.into(),
        text: Some(text.into()),
        kind,
        points: None,
        min: None,
        max: None,
        top_box: None,
        bottom_box: None,
        reverse: false,
        choices: Vec::new(),
    }
}

/// The templates [`survey_template`] knows.
pub const SURVEY_TEMPLATES: [&str; 4] = ["nps", "csat", "ces", "engagement"];

/// A built-in survey, each with a free-text `comment` question after its scores:
///
/// - `nps`: `nps` (0–10).
/// - `csat`: `csat` (1–5; satisfied = 4–5).
/// - `ces`: `ces` (1–7, CES 2.0 agreement that the company made it easy; low effort = 5–7).
/// - `engagement`: the five engagement questions — `csat` (1–5), `will_buy_again` (1–5),
///   `nps` (0–10), `delivers_promise` (1–5), `fair_solution` (1–5) — all five in the
///   engagement index.
///
/// An unknown name is `INVALID_CONFIG` naming `survey`.
pub fn survey_template(name: &str) -> Result<Survey> {
    use QuestionType::*;
    let comment = || q("comment", Text, "What is the main reason for your answers?");
    let (questions, index): (Vec<QuestionSpec>, Vec<&str>) =
        match name.trim() {
            "nps" => (
                vec![
                    q(
                        "nps",
                        Nps,
                        "How likely are you to recommend us to a friend or colleague?",
                    ),
                    comment(),
                ],
                vec![],
            ),
            "csat" => (
                vec![
                    q("csat", Csat, "How satisfied are you with your experience?"),
                    comment(),
                ],
                vec![],
            ),
            "ces" => (
                vec![
                    q(
                        "ces",
                        Ces,
                        "The company made it easy for me to handle my issue.",
                    ),
                    comment(),
                ],
                vec![],
            ),
            "engagement" => {
                (
                    vec![
                q(
                    "csat",
                    Csat,
                    "How satisfied are you overall with our product, brand or company?",
                ),
                q("will_buy_again", Likert, "Will you buy our products in the future?"),
                q(
                    "nps",
                    Nps,
                    "How likely are you to recommend our products or company to a good friend?",
                ),
                q(
                    "delivers_promise",
                    Likert,
                    "Do you feel our company or product delivers what it promises?",
                ),
                q(
                    "fair_solution",
                    Likert,
                    "When a problem arises, can you always rely on us for a fair and \
                     satisfactory solution?",
                ),
                comment(),
            ],
                    vec![
                        "csat",
                        "will_buy_again",
                        "nps",
                        "delivers_promise",
                        "fair_solution",
                    ],
                )
            }
            other => {
                return Err(TouchpointError::config(
                    "survey",
                    format!(
                        "`{other}` is not a survey template ({})",
                        SURVEY_TEMPLATES.join(", ")
                    ),
                ))
            }
        };
    Survey::from_spec(SurveySpec {
        id: name.trim().to_string(),
        questions,
        engagement_index: index.into_iter().map(String::from).collect(),
    })
    .map_err(|m| TouchpointError::config("survey", m))
}
