//! The analyses a partial state can hold: each one's pass, built from its options, merged,
//! and finished into its report.

use crate::analysis::overview::OverviewPass;
use crate::analysis::pass::{run_pass, MergeablePass, PassContext};
use crate::{
    options_from_camel_value, options_from_value, CxPass, CxReport, Dataset, EngagementPass,
    EngagementReport, EngagementScorePass, EngagementScoreReport, ExperimentEventReport,
    ExperimentPass, FunnelPass, FunnelReport, JourneyMap, JourneyMapPass, LifecycleOptions,
    LifecyclePass, LifecycleReport, Overview, OverviewOptions, PainPointOptions, PainPointPass,
    PainPointReport, PurchaseHistories, PurchaseHistoryPass, PyramidPass, PyramidReport, Result,
    RetentionPass, RetentionReport, RfmPass, RfmReport, RuleSegmentPass, RuleSegmentReport,
    SessionPass, SessionReport, StageMap, TierPass, TierReport, TouchpointError,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The names of the analyses a partial state can hold: the dataset methods of the same
/// names in every language.
pub const PARTIAL_ANALYSES: [&str; 16] = [
    "overview",
    "cx_report",
    "sessions",
    "engagement",
    "engagement_score",
    "lifecycle",
    "funnel",
    "retention",
    "rfm",
    "rule_segments",
    "engagement_tiers",
    "journey_map",
    "pain_points",
    "cx_pyramid",
    "purchase_histories",
    "experiment",
];

/// The pass of one analysis, in its serde form. (Held one or two at a time: the size of
/// the largest variant does not matter.)
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PassState {
    Overview(Box<OverviewPass>),
    CxReport(CxPass),
    Sessions(SessionPass),
    Engagement(EngagementPass),
    EngagementScore(EngagementScorePass),
    Lifecycle(LifecyclePass),
    Funnel(FunnelPass),
    Retention(RetentionPass),
    Rfm(RfmPass),
    RuleSegments(RuleSegmentPass),
    EngagementTiers(TierPass),
    JourneyMap(JourneyMapPass),
    PainPoints(PainPointPass),
    CxPyramid(PyramidPass),
    PurchaseHistories(PurchaseHistoryPass),
    Experiment(ExperimentPass),
}

/// The report of a finished partial state: the report the dataset method of the same
/// analysis gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(missing_docs, clippy::large_enum_variant)]
pub enum PartialReport {
    Overview(Box<Overview>),
    CxReport(CxReport),
    Sessions(SessionReport),
    Engagement(EngagementReport),
    EngagementScore(EngagementScoreReport),
    Lifecycle(LifecycleReport),
    Funnel(FunnelReport),
    Retention(RetentionReport),
    Rfm(RfmReport),
    RuleSegments(RuleSegmentReport),
    EngagementTiers(TierReport),
    JourneyMap(JourneyMap),
    PainPoints(PainPointReport),
    CxPyramid(PyramidReport),
    PurchaseHistories(PurchaseHistories),
    Experiment(ExperimentEventReport),
}

/// Walks `data` with `pass` under `stages`.
fn walk<P: MergeablePass>(data: &Dataset, stages: &StageMap, pass: P) -> P {
    run_pass(&PassContext::new(data, stages), pass)
}

/// How a host language spells option keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spelling {
    /// `per_customer` (Rust, Python).
    Snake,
    /// `perCustomer` (JavaScript).
    Camel,
}

/// Options read in `spelling`, and their canonical form (snake_case, every default written
/// out), which is what states compare before they merge.
fn read<O: DeserializeOwned + Default + Serialize>(
    options: Value,
    spelling: Spelling,
) -> Result<(O, Value)> {
    let o: O = match spelling {
        Spelling::Snake => options_from_value(options)?,
        Spelling::Camel => options_from_camel_value(options)?,
    };
    let canonical =
        serde_json::to_value(&o).map_err(|e| TouchpointError::config("options", e.to_string()))?;
    Ok((o, canonical))
}

impl PassState {
    /// Runs `analysis` with `options` over `data`: its pass after every customer, and the
    /// options in canonical form.
    pub(crate) fn run(
        data: &Dataset,
        analysis: &str,
        options: Value,
        spelling: Spelling,
    ) -> Result<(PassState, Value)> {
        let plain = StageMap::default();
        macro_rules! plain {
            ($variant:ident, $pass:ident) => {{
                let (o, canonical) = read(options, spelling)?;
                (
                    PassState::$variant(walk(data, &plain, $pass::new(data, &o)?)),
                    canonical,
                )
            }};
        }
        Ok(match analysis {
            "overview" => {
                let (o, canonical) = read::<OverviewOptions>(options, spelling)?;
                let (pass, stages) = OverviewPass::new(data, &o)?;
                (
                    PassState::Overview(Box::new(walk(data, &stages, pass))),
                    canonical,
                )
            }
            "cx_report" => {
                // The stage map's keys are kinds, not options: never respelled.
                let (overrides, canonical) =
                    read::<BTreeMap<String, Option<String>>>(options, Spelling::Snake)?;
                let pass = walk(
                    data,
                    &StageMap::from_overrides(&overrides)?,
                    CxPass::new(data),
                );
                (PassState::CxReport(pass), canonical)
            }
            "sessions" => plain!(Sessions, SessionPass),
            "engagement" => plain!(Engagement, EngagementPass),
            "engagement_score" => plain!(EngagementScore, EngagementScorePass),
            "lifecycle" => {
                let (o, canonical) = read::<LifecycleOptions>(options, spelling)?;
                let stages = match &o.stage_map {
                    None => StageMap::default(),
                    Some(m) => StageMap::from_overrides(m)?,
                };
                let pass = walk(data, &stages, LifecyclePass::new(data, &o)?);
                (PassState::Lifecycle(pass), canonical)
            }
            "funnel" => plain!(Funnel, FunnelPass),
            "retention" => plain!(Retention, RetentionPass),
            "rfm" => plain!(Rfm, RfmPass),
            "rule_segments" => plain!(RuleSegments, RuleSegmentPass),
            "engagement_tiers" => plain!(EngagementTiers, TierPass),
            "journey_map" => plain!(JourneyMap, JourneyMapPass),
            "pain_points" => {
                let (o, canonical) = read::<PainPointOptions>(options, spelling)?;
                let stages = StageMap::from_overrides(&o.stage_map)?;
                let pass = walk(data, &stages, PainPointPass::new(data, &o)?);
                (PassState::PainPoints(pass), canonical)
            }
            "cx_pyramid" => plain!(CxPyramid, PyramidPass),
            "purchase_histories" => plain!(PurchaseHistories, PurchaseHistoryPass),
            "experiment" => plain!(Experiment, ExperimentPass),
            other => {
                return Err(TouchpointError::config(
                    "analysis",
                    format!(
                        "`{other}` has no partial state; one of: {}",
                        PARTIAL_ANALYSES.join(", ")
                    ),
                ))
            }
        })
    }

    /// Adds `later`'s state (the customers after this one's) to this one's. Both are of the
    /// same analysis and options (checked by the caller).
    pub(crate) fn merge(&mut self, later: PassState) -> Result<()> {
        use PassState as S;
        match (self, later) {
            (S::Overview(a), S::Overview(b)) => a.merge(*b),
            (S::CxReport(a), S::CxReport(b)) => a.merge(b),
            (S::Sessions(a), S::Sessions(b)) => a.merge(b),
            (S::Engagement(a), S::Engagement(b)) => a.merge(b),
            (S::EngagementScore(a), S::EngagementScore(b)) => a.merge(b),
            (S::Lifecycle(a), S::Lifecycle(b)) => a.merge(b),
            (S::Funnel(a), S::Funnel(b)) => a.merge(b),
            (S::Retention(a), S::Retention(b)) => a.merge(b),
            (S::Rfm(a), S::Rfm(b)) => a.merge(b),
            (S::RuleSegments(a), S::RuleSegments(b)) => a.merge(b),
            (S::EngagementTiers(a), S::EngagementTiers(b)) => a.merge(b),
            (S::JourneyMap(a), S::JourneyMap(b)) => a.merge(b),
            (S::PainPoints(a), S::PainPoints(b)) => a.merge(b),
            (S::CxPyramid(a), S::CxPyramid(b)) => a.merge(b),
            (S::PurchaseHistories(a), S::PurchaseHistories(b)) => a.merge(b),
            (S::Experiment(a), S::Experiment(b)) => a.merge(b),
            _ => {
                return Err(TouchpointError::config(
                    "states",
                    "states of different analyses cannot merge",
                ))
            }
        }
        Ok(())
    }

    /// The report; `names` holds the whole data's channels, kinds and time range. An
    /// analysis whose options can only be checked against the whole data (the purchase
    /// histories' `calibration_end`) may refuse them here.
    pub(crate) fn finish(self, names: &Dataset) -> Result<PartialReport> {
        use PartialReport as R;
        Ok(match self {
            PassState::Overview(p) => R::Overview(Box::new(p.finish(names))),
            PassState::CxReport(p) => R::CxReport(p.finish(names)),
            PassState::Sessions(p) => R::Sessions(p.finish()),
            PassState::Engagement(p) => R::Engagement(p.finish()),
            PassState::EngagementScore(p) => R::EngagementScore(p.finish()),
            PassState::Lifecycle(p) => R::Lifecycle(p.finish()),
            PassState::Funnel(p) => R::Funnel(p.finish()),
            PassState::Retention(p) => R::Retention(p.finish()),
            PassState::Rfm(p) => R::Rfm(p.finish()),
            PassState::RuleSegments(p) => R::RuleSegments(p.finish()),
            PassState::EngagementTiers(p) => R::EngagementTiers(p.finish()),
            PassState::JourneyMap(p) => R::JourneyMap(p.finish(names)),
            PassState::PainPoints(p) => R::PainPoints(p.finish(names)),
            PassState::CxPyramid(p) => R::CxPyramid(p.finish()),
            PassState::PurchaseHistories(p) => R::PurchaseHistories(p.finish()?),
            PassState::Experiment(p) => R::Experiment(p.finish()?),
        })
    }
}
