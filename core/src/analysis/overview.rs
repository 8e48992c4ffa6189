//! The whole journey in one pass: the CX report, sessions, lifecycle, a funnel, retention,
//! RFM segments, the journey map, pain points and the CX pyramid, computed by walking each
//! customer's events once ([`run_passes`] with every analysis at once).

use crate::analysis::cx_pyramid::{PyramidOptions, PyramidPass, PyramidReport};
use crate::analysis::journey_map::{JourneyMap, JourneyMapOptions, JourneyMapPass};
use crate::analysis::pain_points::{PainPointOptions, PainPointPass, PainPointReport};
use crate::analysis::pass::{run_passes, CustomerPass, PassContext};
use crate::{
    CxPass, CxReport, Dataset, FunnelOptions, FunnelPass, FunnelReport, LifecycleOptions,
    LifecyclePass, LifecycleReport, Result, RetentionOptions, RetentionPass, RetentionReport,
    RfmOptions, RfmPass, RfmReport, SessionOptions, SessionPass, SessionReport, StageMap,
    TouchpointError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Options of [`overview`]: one block per analysis, each with that analysis's defaults.
/// The journey-stage mapping is set once, at the top, for every analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OverviewOptions {
    /// Journey-stage mapping overrides (kind → stage or null), for every analysis.
    pub stage_map: BTreeMap<String, Option<String>>,
    /// Sessions.
    pub sessions: SessionOptions,
    /// Lifecycle (its own `stage_map` must be left unset: use the top-level one).
    pub lifecycle: LifecycleOptions,
    /// The funnel; none when `null` (the default).
    pub funnel: Option<FunnelOptions>,
    /// Retention.
    pub retention: RetentionOptions,
    /// RFM segments.
    pub rfm: RfmOptions,
    /// The journey map.
    pub journey: JourneyMapOptions,
    /// Pain points (their own `stage_map` must be left empty: use the top-level one).
    pub pain_points: PainPointOptions,
    /// The CX pyramid.
    pub pyramid: PyramidOptions,
}

/// Every analysis of [`OverviewOptions`], from one pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// NPS, CSAT, CES and the stage distribution.
    pub cx: CxReport,
    /// Sessions.
    pub sessions: SessionReport,
    /// Lifecycle statuses, phases and stage transitions.
    pub lifecycle: LifecycleReport,
    /// The funnel, if one was asked for.
    pub funnel: Option<FunnelReport>,
    /// Retention cohorts.
    pub retention: RetentionReport,
    /// RFM segments.
    pub rfm: RfmReport,
    /// The journey map.
    pub journey: JourneyMap,
    /// Ranked pain points.
    pub pain_points: PainPointReport,
    /// The CX pyramid.
    pub pyramid: PyramidReport,
}

/// An option error of one analysis of the overview, naming the option under that
/// analysis's key (`lifecycle.period`).
fn under(key: &'static str) -> impl Fn(TouchpointError) -> TouchpointError {
    move |e| e.map_field(|option| format!("{key}.{option}"))
}

/// Runs every analysis of `options` over `data` in a single walk over the customers.
pub fn overview(data: &Dataset, options: &OverviewOptions) -> Result<Overview> {
    if options.lifecycle.stage_map.is_some() {
        return Err(TouchpointError::config(
            "lifecycle.stage_map",
            "set stage_map once, at the top of the overview options",
        ));
    }
    if !options.pain_points.stage_map.is_empty() {
        return Err(TouchpointError::config(
            "pain_points.stage_map",
            "set stage_map once, at the top of the overview options",
        ));
    }
    let stages = StageMap::with_overrides(
        options
            .stage_map
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref())),
    )?;
    let ctx = PassContext::new(data, &stages);
    let mut cx = CxPass::new(data);
    let mut sessions = SessionPass::new(data, &options.sessions).map_err(under("sessions"))?;
    let mut lifecycle = LifecyclePass::new(data, &options.lifecycle).map_err(under("lifecycle"))?;
    let mut funnel = options
        .funnel
        .as_ref()
        .map(|f| FunnelPass::new(data, f))
        .transpose()
        .map_err(under("funnel"))?;
    let mut retention = RetentionPass::new(data, &options.retention).map_err(under("retention"))?;
    let mut rfm = RfmPass::new(data, &options.rfm).map_err(under("rfm"))?;
    let mut journey = JourneyMapPass::new(data, &options.journey).map_err(under("journey"))?;
    let mut pain = PainPointPass::new(data, &options.pain_points).map_err(under("pain_points"))?;
    let mut pyramid = PyramidPass::new(data, &options.pyramid).map_err(under("pyramid"))?;
    {
        let mut passes: Vec<&mut dyn CustomerPass> = vec![
            &mut cx,
            &mut sessions,
            &mut lifecycle,
            &mut retention,
            &mut rfm,
            &mut journey,
            &mut pain,
            &mut pyramid,
        ];
        if let Some(f) = funnel.as_mut() {
            passes.push(f);
        }
        run_passes(&ctx, &mut passes);
    }
    Ok(Overview {
        cx: cx.finish(data),
        sessions: sessions.finish(),
        lifecycle: lifecycle.finish(),
        funnel: funnel.map(FunnelPass::finish),
        retention: retention.finish(),
        rfm: rfm.finish(),
        journey: journey.finish(data),
        pain_points: pain.finish(data),
        pyramid: pyramid.finish(),
    })
}
