//! Survey programmes: a survey's questions and templates (`definition.rs`), responses and
//! invitations read from wide or long rows (`responses.rs`), each question's counts and
//! scores (`tally.rs`), a wave scored overall and per group with the engagement index and
//! response rates (`report.rs`), and two waves compared (`waves.rs`).

pub(crate) mod definition;
pub(crate) mod index;
pub(crate) mod invitations;
pub(crate) mod report;
pub(crate) mod responses;
pub(crate) mod tally;
pub(crate) mod waves;

#[cfg(test)]
mod tests;

use responses::Answer;

use crate::model::error::{Result, TouchpointError};
use crate::{limits, Period};
use serde::{Deserialize, Serialize};

/// How a survey wave is read and scored. Every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveyOptions {
    /// How the response rows are laid out. Default `wide`.
    pub layout: responses::SurveyLayout,
    /// Columns of a wide (or long) export to pass over (`ip_address`, …). Any other column
    /// that is not a question is refused.
    pub ignore_columns: Vec<String>,
    /// What separates the choices of a multiple-choice answer given as text. Default `,`.
    pub choice_separator: String,
    /// Skipped answers: `exclude` (default) or `reject`.
    pub skipped: responses::SkippedAnswers,
    /// Scores per day, week or month too (`by_period`). Default: none.
    pub period: Option<Period>,
    /// The event kind of an invitation row. Default `survey_sent`.
    pub invitation_kind: String,
    /// How long after an invitation a response still answers it, in days. Default 30.
    pub response_window_days: f64,
    /// A group with fewer responses is warned about. Default 30.
    pub min_responses: u64,
    /// A group whose response rate is lower (a fraction) is warned about. Default 0.1.
    pub min_response_rate: f64,
    /// How many of the engagement index's questions a response must answer to count.
    /// Default: all of them.
    pub index_min_answers: Option<usize>,
}

impl Default for SurveyOptions {
    fn default() -> Self {
        SurveyOptions {
            layout: responses::SurveyLayout::Wide,
            ignore_columns: Vec::new(),
            choice_separator: ",".into(),
            skipped: responses::SkippedAnswers::Exclude,
            period: None,
            invitation_kind: "survey_sent".into(),
            response_window_days: 30.0,
            min_responses: 30,
            min_response_rate: 0.1,
            index_min_answers: None,
        }
    }
}

impl SurveyOptions {
    /// Checks the options (`INVALID_CONFIG` naming the option).
    pub fn check(&self) -> Result<()> {
        let days = limits::check_option_number(self.response_window_days, "response_window_days")?;
        if days <= 0.0 || days > 36_500.0 {
            return Err(TouchpointError::config(
                "response_window_days",
                "must be more than 0 and at most 36500 days",
            ));
        }
        let rate = limits::check_option_number(self.min_response_rate, "min_response_rate")?;
        if !(0.0..=1.0).contains(&rate) {
            return Err(TouchpointError::config(
                "min_response_rate",
                "must be a fraction from 0 to 1",
            ));
        }
        if self.choice_separator.is_empty() {
            return Err(TouchpointError::config(
                "choice_separator",
                "must not be empty",
            ));
        }
        if self.index_min_answers == Some(0) {
            return Err(TouchpointError::config(
                "index_min_answers",
                "must be at least 1",
            ));
        }
        Ok(())
    }
}
