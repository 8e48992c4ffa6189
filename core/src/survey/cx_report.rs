//! The CX report: NPS, CSAT and CES overall, per channel and per journey stage, and how
//! many customers stand at each stage.

use crate::analysis::pass::{run_pass, CustomerPass, MergeablePass, PassContext};
use crate::{
    CesSummary, CesTally, CsatSummary, CsatTally, CustomerEvents, Dataset, DatasetSummary,
    NpsSummary, NpsTally, Stage, StageMap, SurveyMetric,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// NPS, CSAT and CES tallies together; add answers as they come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyTally {
    /// NPS answers.
    pub nps: NpsTally,
    /// CSAT answers.
    pub csat: CsatTally,
    /// CES answers.
    pub ces: CesTally,
}

impl SurveyTally {
    /// Adds a checked answer.
    pub fn add(&mut self, metric: SurveyMetric, score: u8) {
        match metric {
            SurveyMetric::Nps => self.nps.add(score),
            SurveyMetric::Csat => self.csat.add(score),
            SurveyMetric::Ces => self.ces.add(score),
            // The engagement survey's own scales are not NPS, CSAT or CES.
            SurveyMetric::WillBuyAgain
            | SurveyMetric::DeliversPromise
            | SurveyMetric::FairSolution => {}
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: &SurveyTally) {
        self.nps.merge(&other.nps);
        self.csat.merge(&other.csat);
        self.ces.merge(&other.ces);
    }

    /// The three summaries.
    pub fn scores(&self) -> SurveyScores {
        SurveyScores {
            nps: self.nps.summary(),
            csat: self.csat.summary(),
            ces: self.ces.summary(),
        }
    }
}

/// NPS, CSAT and CES of one group of answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyScores {
    /// Net Promoter Score.
    pub nps: NpsSummary,
    /// Customer satisfaction.
    pub csat: CsatSummary,
    /// Customer effort.
    pub ces: CesSummary,
}

/// Scores of the answers given while customers stood at one journey stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageScores {
    /// The stage the customer had reached when answering.
    pub stage: Stage,
    /// The scores.
    #[serde(flatten)]
    pub scores: SurveyScores,
}

/// How many customers have reached each stage as their furthest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageCount {
    /// The stage.
    pub stage: Stage,
    /// Customers whose furthest stage it is.
    pub customers: u64,
    /// Their percentage of all customers (`None` when there are no customers).
    pub share: Option<f64>,
}

/// The CX report of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CxReport {
    /// Customers, events and time span.
    pub dataset: DatasetSummary,
    /// Scores over every answer.
    pub overall: SurveyScores,
    /// Scores per channel the answer came through, by channel name.
    pub by_channel: BTreeMap<String, SurveyScores>,
    /// Scores per stage the customer had reached when answering, in journey order.
    pub by_stage: Vec<StageScores>,
    /// Scores of answers given before the customer reached any stage.
    pub no_stage: SurveyScores,
    /// Customers per furthest stage reached, in journey order.
    pub stage_distribution: Vec<StageCount>,
    /// Customers who reached no stage (no events, or only unmapped ones).
    pub customers_without_stage: u64,
}

/// The stage of every kind code of `data`, as a lookup table.
pub(crate) fn stage_table(data: &Dataset, stages: &StageMap) -> Vec<Option<Stage>> {
    data.kinds().iter().map(|k| stages.stage_of(k)).collect()
}

/// The CX report as a [`CustomerPass`], so it can share the walk with other analyses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CxPass {
    overall: SurveyTally,
    by_channel: Vec<SurveyTally>,
    by_stage: [SurveyTally; 5],
    no_stage: SurveyTally,
    furthest_count: [u64; 5],
    without_stage: u64,
    /// Events seen (customers seen are the furthest-stage counts and `without_stage`).
    events: u64,
}

impl CxPass {
    /// A pass over `data`.
    pub fn new(data: &Dataset) -> Self {
        CxPass {
            overall: SurveyTally::default(),
            by_channel: vec![SurveyTally::default(); data.channels().len()],
            by_stage: [SurveyTally::default(); 5],
            no_stage: SurveyTally::default(),
            furthest_count: [0; 5],
            without_stage: 0,
            events: 0,
        }
    }

    /// The report of everything seen.
    pub fn finish(self, data: &Dataset) -> CxReport {
        // Counted by the pass, not read from `data`: a distributed run finishes with the
        // names of the whole data but none of its rows.
        let customers = self.furthest_count.iter().sum::<u64>() + self.without_stage;
        let mut channels: BTreeMap<String, SurveyTally> = BTreeMap::new();
        for (code, tally) in self.by_channel.iter().enumerate() {
            channels
                .entry(data.channel_name(code as u16).to_string())
                .or_default()
                .merge(tally);
        }
        CxReport {
            dataset: DatasetSummary {
                customers,
                events: self.events,
                first_event: data.time_range().map(|r| r.0),
                last_event: data.time_range().map(|r| r.1),
            },
            overall: self.overall.scores(),
            by_channel: channels.into_iter().map(|(k, t)| (k, t.scores())).collect(),
            by_stage: Stage::ALL
                .iter()
                .map(|&s| StageScores {
                    stage: s,
                    scores: self.by_stage[s.index()].scores(),
                })
                .collect(),
            no_stage: self.no_stage.scores(),
            stage_distribution: Stage::ALL
                .iter()
                .map(|&s| StageCount {
                    stage: s,
                    customers: self.furthest_count[s.index()],
                    share: (customers > 0)
                        .then(|| 100.0 * self.furthest_count[s.index()] as f64 / customers as f64),
                })
                .collect(),
            customers_without_stage: self.without_stage,
        }
    }
}

impl CustomerPass for CxPass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        let mut furthest: Option<Stage> = None;
        for i in 0..c.len() {
            if let Some(s) = ctx.stage(c.kind[i]) {
                furthest = furthest.max(Some(s));
            }
            for (metric, score) in c.answers(i) {
                self.overall.add(metric, score);
                self.by_channel[c.channel[i] as usize].add(metric, score);
                match furthest {
                    Some(s) => self.by_stage[s.index()].add(metric, score),
                    None => self.no_stage.add(metric, score),
                }
            }
        }
        match furthest {
            Some(s) => self.furthest_count[s.index()] += 1,
            None => self.without_stage += 1,
        }
        self.events += c.len() as u64;
    }
}

impl MergeablePass for CxPass {
    fn merge(&mut self, later: Self) {
        self.overall.merge(&later.overall);
        for (a, b) in self.by_channel.iter_mut().zip(&later.by_channel) {
            a.merge(b);
        }
        for (a, b) in self.by_stage.iter_mut().zip(&later.by_stage) {
            a.merge(b);
        }
        self.no_stage.merge(&later.no_stage);
        for (a, b) in self.furthest_count.iter_mut().zip(later.furthest_count) {
            *a += b;
        }
        self.without_stage += later.without_stage;
        self.events += later.events;
    }
}

/// Builds the CX report in one pass over the customers.
pub fn cx_report(data: &Dataset, stages: &StageMap) -> CxReport {
    run_pass(&PassContext::new(data, stages), CxPass::new(data)).finish(data)
}
