//! The analyses a partial state can hold: each one's pass, built from its options, merged,
//! and finished into its report.

use crate::analysis::overview::OverviewPass;
use crate::analysis::pass::{run_pass, MergeablePass, PassContext};
use crate::{
    options_from_value, CxPass, CxReport, Dataset, EngagementPass, EngagementReport,
    EngagementScorePass, EngagementScoreReport, FunnelPass, FunnelReport, JourneyMap,
    JourneyMapPass, LifecycleOptions, LifecyclePass, LifecycleReport, Overview, PainPointOptions,
    PainPointPass, PainPointReport, PyramidPass, PyramidReport, Result, RetentionPass,
    RetentionReport, RfmPass, RfmReport, RuleSegmentPass, RuleSegmentReport, SessionPass,
    SessionReport, StageMap, TierPass, TierReport, TouchpointError,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The names of the analyses a partial state can hold: the dataset methods of the same
/// names in every language.
pub const PARTIAL_ANALYSES: [&str; 14] = [
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
}

/// A stage map from `{kind: stage or null}` overrides.
fn stage_map(overrides: &BTreeMap<String, Option<String>>) -> Result<StageMap> {
    StageMap::with_overrides(overrides.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
}

/// Walks `data` with `pass` under `stages`.
fn walk<P: MergeablePass>(data: &Dataset, stages: &StageMap, pass: P) -> P {
    run_pass(&PassContext::new(data, stages), pass)
}

impl PassState {
    /// Runs `analysis` with `options` over `data`: its pass after every customer.
    pub(crate) fn run(data: &Dataset, analysis: &str, options: Value) -> Result<PassState> {
        let plain = StageMap::default();
        Ok(match analysis {
            "overview" => {
                let (pass, stages) = OverviewPass::new(data, &options_from_value(options)?)?;
                PassState::Overview(Box::new(walk(data, &stages, pass)))
            }
            "cx_report" => {
                let overrides: BTreeMap<String, Option<String>> = options_from_value(options)?;
                PassState::CxReport(walk(data, &stage_map(&overrides)?, CxPass::new(data)))
            }
            "sessions" => {
                let pass = SessionPass::new(data, &options_from_value(options)?)?;
                PassState::Sessions(walk(data, &plain, pass))
            }
            "engagement" => {
                let pass = EngagementPass::new(data, &options_from_value(options)?)?;
                PassState::Engagement(walk(data, &plain, pass))
            }
            "engagement_score" => {
                let pass = EngagementScorePass::new(data, &options_from_value(options)?)?;
                PassState::EngagementScore(walk(data, &plain, pass))
            }
            "lifecycle" => {
                let o: LifecycleOptions = options_from_value(options)?;
                let stages = match &o.stage_map {
                    None => StageMap::default(),
                    Some(m) => stage_map(m)?,
                };
                PassState::Lifecycle(walk(data, &stages, LifecyclePass::new(data, &o)?))
            }
            "funnel" => {
                let pass = FunnelPass::new(data, &options_from_value(options)?)?;
                PassState::Funnel(walk(data, &plain, pass))
            }
            "retention" => {
                let pass = RetentionPass::new(data, &options_from_value(options)?)?;
                PassState::Retention(walk(data, &plain, pass))
            }
            "rfm" => {
                let pass = RfmPass::new(data, &options_from_value(options)?)?;
                PassState::Rfm(walk(data, &plain, pass))
            }
            "rule_segments" => {
                let pass = RuleSegmentPass::new(data, &options_from_value(options)?)?;
                PassState::RuleSegments(walk(data, &plain, pass))
            }
            "engagement_tiers" => {
                let pass = TierPass::new(data, &options_from_value(options)?)?;
                PassState::EngagementTiers(walk(data, &plain, pass))
            }
            "journey_map" => {
                let pass = JourneyMapPass::new(data, &options_from_value(options)?)?;
                PassState::JourneyMap(walk(data, &plain, pass))
            }
            "pain_points" => {
                let o: PainPointOptions = options_from_value(options)?;
                let stages = stage_map(&o.stage_map)?;
                PassState::PainPoints(walk(data, &stages, PainPointPass::new(data, &o)?))
            }
            "cx_pyramid" => {
                let pass = PyramidPass::new(data, &options_from_value(options)?)?;
                PassState::CxPyramid(walk(data, &plain, pass))
            }
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
            _ => {
                return Err(TouchpointError::config(
                    "states",
                    "states of different analyses cannot merge",
                ))
            }
        }
        Ok(())
    }

    /// The report; `names` holds the whole data's channels, kinds and time range.
    pub(crate) fn finish(self, names: &Dataset) -> PartialReport {
        use PartialReport as R;
        match self {
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
        }
    }
}
