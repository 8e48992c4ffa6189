//! Scoring a wave of responses: every question overall and per channel, touchpoint, stage,
//! segment and period, the engagement index, response rates from invitations, and warnings
//! where too few answered for a score to mean much.

use super::definition::Survey;
use super::index::{engagement_index, EngagementIndex};
use super::invitations::{match_invitations, ResponseRate};
use super::responses::{SurveyContact, SurveyResponse};
use super::tally::{share, QuestionScore, QuestionTally};
use super::SurveyOptions;
use crate::analysis::stats::median_seconds;
use crate::model::error::Result;
use crate::{Period, Stage, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The scores of one group of responses (all of them, or one channel, stage, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupScores {
    /// The group (a channel, touchpoint, stage, segment, or a period's first day); `None` for
    /// the responses that did not say (and for the overall group).
    pub group: Option<String>,
    /// Responses in the group.
    pub responses: u64,
    /// Each question's scores, in the survey's order.
    pub questions: Vec<QuestionScore>,
    /// The mean engagement index of the group's customers (0–100), when the survey has one.
    pub engagement_index: Option<f64>,
    /// The response rate of the group's invitations, when invitations were given.
    pub response_rate: Option<ResponseRate>,
}

/// Why a group's scores deserve caution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyWarningKind {
    /// Fewer responses than `min_responses`.
    FewResponses,
    /// A response rate below `min_response_rate`.
    LowResponseRate,
}

/// A group whose scores are too uncertain, or too little representative, to act on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyWarning {
    /// `overall`, `channel`, `touchpoint`, `stage`, `segment` or `period`.
    pub breakdown: String,
    /// The group.
    pub group: Option<String>,
    /// What is wrong.
    pub kind: SurveyWarningKind,
    /// Its responses.
    pub responses: u64,
    /// Its response rate, when invitations were given.
    pub response_rate: Option<f64>,
    /// In words.
    pub message: String,
}

/// A survey wave, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyReport {
    /// The survey's id.
    pub survey: String,
    /// Responses.
    pub responses: u64,
    /// Customers who responded.
    pub customers: u64,
    /// The first response's time.
    pub first_response: Option<Timestamp>,
    /// The last response's time.
    pub last_response: Option<Timestamp>,
    /// Every response.
    pub overall: GroupScores,
    /// The engagement index, when the survey defines one.
    pub engagement_index: Option<EngagementIndex>,
    /// Per channel, by name (`None` last: no channel given).
    pub by_channel: Vec<GroupScores>,
    /// Per touchpoint.
    pub by_touchpoint: Vec<GroupScores>,
    /// Per journey stage, in journey order.
    pub by_stage: Vec<GroupScores>,
    /// Per segment.
    pub by_segment: Vec<GroupScores>,
    /// Per period (`options.period`), by first day; empty without a period.
    pub by_period: Vec<GroupScores>,
    /// Responses matched to no invitation (`None` when no invitations were given).
    pub responses_without_invitation: Option<u64>,
    /// Groups to read with care.
    pub warnings: Vec<SurveyWarning>,
}

/// A group's key: groups with a value sort before the one without, stages in journey order,
/// periods in time order.
type Key = (bool, i64, String);

#[derive(Clone, Default)]
struct GroupTally {
    responses: u64,
    questions: Vec<QuestionTally>,
    index: BTreeMap<String, (f64, u64)>,
    invitations: u64,
    waits_ms: Vec<i64>,
}

impl GroupTally {
    fn new(survey: &Survey) -> Self {
        GroupTally {
            questions: survey.questions.iter().map(QuestionTally::new).collect(),
            ..Default::default()
        }
    }

    fn merge(&mut self, later: GroupTally) {
        self.responses += later.responses;
        for (a, b) in self.questions.iter_mut().zip(&later.questions) {
            a.merge(b);
        }
        for (id, (sum, n)) in later.index {
            let e = self.index.entry(id).or_default();
            e.0 += sum;
            e.1 += n;
        }
        self.invitations += later.invitations;
        self.waits_ms.extend(later.waits_ms);
    }

    fn finish(self, survey: &Survey, group: Option<String>, invited: bool) -> GroupScores {
        let has_index = !survey.engagement_index.is_empty();
        let indices: Vec<f64> = self.index.values().map(|(s, n)| s / *n as f64).collect();
        GroupScores {
            group,
            responses: self.responses,
            questions: survey
                .questions
                .iter()
                .zip(&self.questions)
                .map(|(q, t)| t.score(q))
                .collect(),
            engagement_index: has_index
                .then(|| crate::analysis::stats::mean(&indices))
                .flatten(),
            response_rate: invited.then(|| {
                let responded = self.waits_ms.len() as u64;
                let (rate, margin) = share(responded, self.invitations);
                ResponseRate {
                    invitations: self.invitations,
                    responded,
                    rate,
                    margin_of_error: margin,
                    median_seconds_to_respond: median_seconds(&self.waits_ms),
                }
            }),
        }
    }
}

/// Every group's tallies of a range of responses.
struct Tallies {
    overall: GroupTally,
    groups: [BTreeMap<Key, GroupTally>; 5],
    complete: u64,
    incomplete: u64,
}

impl Tallies {
    fn new(survey: &Survey) -> Self {
        Tallies {
            overall: GroupTally::new(survey),
            groups: Default::default(),
            complete: 0,
            incomplete: 0,
        }
    }

    fn add(
        &mut self,
        survey: &Survey,
        r: &SurveyResponse,
        index_questions: &[usize],
        min_answers: usize,
        period: Option<Period>,
    ) {
        // The response's index: the mean of its index answers on 0–100.
        let on_hundred: Vec<f64> = index_questions
            .iter()
            .filter_map(|&i| {
                let q = &survey.questions[i];
                match r.answers.get(&q.id)? {
                    super::Answer::Scale(x) => Some(q.on_hundred(q.scored(*x))),
                    super::Answer::YesNo(b) => Some(q.on_hundred(u8::from(*b))),
                    _ => None,
                }
            })
            .collect();
        let index = if index_questions.is_empty() {
            None
        } else if on_hundred.len() >= min_answers {
            self.complete += 1;
            Some(on_hundred.iter().sum::<f64>() / on_hundred.len() as f64)
        } else {
            self.incomplete += 1;
            None
        };
        let add = |g: &mut GroupTally| {
            g.responses += 1;
            for (q, t) in survey.questions.iter().zip(&mut g.questions) {
                t.add(q, r.answers.get(&q.id));
            }
            if let Some(x) = index {
                let e = g.index.entry(r.contact.customer_id.clone()).or_default();
                e.0 += x;
                e.1 += 1;
            }
        };
        add(&mut self.overall);
        for (b, key) in self.groups.iter_mut().zip(keys(&r.contact, period)) {
            if let Some(key) = key {
                add(b.entry(key).or_insert_with(|| GroupTally::new(survey)));
            }
        }
    }

    fn merge(&mut self, later: Tallies) {
        self.overall.merge(later.overall);
        for (a, b) in self.groups.iter_mut().zip(later.groups) {
            for (key, g) in b {
                match a.get_mut(&key) {
                    Some(have) => have.merge(g),
                    None => {
                        a.insert(key, g);
                    }
                }
            }
        }
        self.complete += later.complete;
        self.incomplete += later.incomplete;
    }
}

const BREAKDOWNS: [&str; 5] = ["channel", "touchpoint", "stage", "segment", "period"];

fn keys(c: &SurveyContact, period: Option<Period>) -> [Option<Key>; 5] {
    let text = |v: &Option<String>| {
        Some(
            v.clone()
                .map_or((true, 0, String::new()), |s| (false, 0, s)),
        )
    };
    [
        text(&c.channel),
        text(&c.touchpoint),
        Some(c.stage.map_or((true, 0, String::new()), |s| {
            (false, s.index() as i64, stage_name(s))
        })),
        text(&c.segment),
        period.map(|p| {
            let i = p.index(c.timestamp.millis());
            let day = p.start(i).to_rfc3339();
            (false, i, day[..10].to_string())
        }),
    ]
}

fn stage_name(s: Stage) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Scores a wave of `responses` to `survey`, with the `invitations` they answer (empty for
/// no response rates). See [`SurveyOptions`] for the options.
pub fn score_survey(
    survey: &Survey,
    responses: &[SurveyResponse],
    invitations: &[SurveyContact],
    options: &SurveyOptions,
) -> Result<SurveyReport> {
    options.check()?;
    let invited = !invitations.is_empty();
    let index_questions: Vec<usize> = survey
        .engagement_index
        .iter()
        .filter_map(|id| survey.position(id))
        .collect();
    let min_answers = options
        .index_min_answers
        .unwrap_or(index_questions.len())
        .min(index_questions.len())
        .max(1);
    let mut customers = std::collections::BTreeSet::new();
    let mut span: Option<(Timestamp, Timestamp)> = None;
    for r in responses {
        customers.insert(r.contact.customer_id.as_str());
        let t = r.contact.timestamp;
        span = Some(span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
    }
    // Ranges of responses are tallied on every core and merged in order (comments are
    // scored for sentiment as they are counted, the costly part).
    let walk = |lo: usize, hi: usize| {
        let mut t = Tallies::new(survey);
        for r in &responses[lo..hi] {
            t.add(survey, r, &index_questions, min_answers, options.period);
        }
        t
    };
    let merge = |mut a: Tallies, b: Tallies| {
        a.merge(b);
        a
    };
    let leaf = crate::parallel::leaf_size(responses.len(), 256);
    let Tallies {
        mut overall,
        mut groups,
        complete,
        incomplete,
    } = crate::parallel::install(|| {
        crate::parallel::split(0, responses.len(), leaf, &walk, &merge)
    });
    let window_ms = (options.response_window_days * crate::DAY_MS as f64) as i64;
    let (waits, unmatched) = match_invitations(responses, invitations, window_ms);
    for (c, wait) in invitations.iter().zip(&waits) {
        let count = |g: &mut GroupTally| {
            g.invitations += 1;
            g.waits_ms.extend(*wait);
        };
        count(&mut overall);
        for (b, key) in groups.iter_mut().zip(keys(c, options.period)) {
            if let Some(key) = key {
                count(b.entry(key).or_insert_with(|| GroupTally::new(survey)));
            }
        }
    }
    let engagement_index = (!index_questions.is_empty()).then(|| {
        let by_question = index_questions.iter().map(|&i| {
            (
                &survey.questions[i],
                overall.questions[i].on_hundred(&survey.questions[i]),
            )
        });
        engagement_index(survey, &overall.index, by_question, complete, incomplete)
    });
    let overall = overall.finish(survey, None, invited);
    let mut warnings = Vec::new();
    warn(&mut warnings, "overall", &overall, options);
    let [by_channel, by_touchpoint, by_stage, by_segment, by_period] = groups.map(|b| {
        b.into_iter()
            .map(|((missing, _, name), g)| g.finish(survey, (!missing).then_some(name), invited))
            .collect::<Vec<_>>()
    });
    for (name, list) in BREAKDOWNS.iter().zip([
        &by_channel,
        &by_touchpoint,
        &by_stage,
        &by_segment,
        &by_period,
    ]) {
        for g in list.iter() {
            warn(&mut warnings, name, g, options);
        }
    }
    Ok(SurveyReport {
        survey: survey.id.clone(),
        responses: responses.len() as u64,
        customers: customers.len() as u64,
        first_response: span.map(|s| s.0),
        last_response: span.map(|s| s.1),
        overall,
        engagement_index,
        by_channel,
        by_touchpoint,
        by_stage,
        by_segment,
        by_period,
        responses_without_invitation: invited.then_some(unmatched),
        warnings,
    })
}

fn warn(out: &mut Vec<SurveyWarning>, breakdown: &str, g: &GroupScores, o: &SurveyOptions) {
    let rate = g.response_rate.as_ref().and_then(|r| r.rate);
    let mut push = |kind, message: String| {
        out.push(SurveyWarning {
            breakdown: breakdown.to_string(),
            group: g.group.clone(),
            kind,
            responses: g.responses,
            response_rate: rate,
            message,
        })
    };
    if g.responses > 0 && g.responses < o.min_responses {
        push(
            SurveyWarningKind::FewResponses,
            format!(
                "only {} responses (fewer than {}): a score here can move by many points by \
                 chance",
                g.responses, o.min_responses
            ),
        );
    }
    if let Some(rate) = rate.filter(|r| *r < 100.0 * o.min_response_rate) {
        push(
            SurveyWarningKind::LowResponseRate,
            format!(
                "a response rate of {rate:.1}% (below {}%): those who answered may not speak \
                 for those who did not",
                100.0 * o.min_response_rate
            ),
        );
    }
}
