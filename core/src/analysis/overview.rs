//! The whole journey in one pass: the CX report, sessions, lifecycle, a funnel, retention,
//! RFM segments, the journey map, pain points and the CX pyramid, computed by walking each
//! customer's events once (one [`run_pass`] with every analysis at once, over ranges of
//! customers on every core).

use crate::analysis::cx_pyramid::{PyramidOptions, PyramidPass, PyramidReport};
use crate::analysis::journey_map::{JourneyMap, JourneyMapOptions, JourneyMapPass};
use crate::analysis::pain_points::{PainPointOptions, PainPointPass, PainPointReport};
use crate::analysis::pass::{run_pass, CustomerPass, MergeablePass, PassContext};
use crate::CustomerEvents;
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

/// Every pass of the overview, walked together: each customer is handed to each pass in
/// turn, and two ranges' passes merge pass by pass.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct OverviewPass {
    cx: CxPass,
    sessions: SessionPass,
    lifecycle: LifecyclePass,
    funnel: Option<FunnelPass>,
    retention: RetentionPass,
    rfm: RfmPass,
    journey: JourneyMapPass,
    pain: PainPointPass,
    pyramid: PyramidPass,
}

impl CustomerPass for OverviewPass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        self.cx.customer(ctx, c);
        self.sessions.customer(ctx, c);
        self.lifecycle.customer(ctx, c);
        self.retention.customer(ctx, c);
        self.rfm.customer(ctx, c);
        self.journey.customer(ctx, c);
        self.pain.customer(ctx, c);
        self.pyramid.customer(ctx, c);
        if let Some(f) = self.funnel.as_mut() {
            f.customer(ctx, c);
        }
    }
}

impl MergeablePass for OverviewPass {
    fn merge(&mut self, later: Self) {
        self.cx.merge(later.cx);
        self.sessions.merge(later.sessions);
        self.lifecycle.merge(later.lifecycle);
        if let (Some(a), Some(b)) = (self.funnel.as_mut(), later.funnel) {
            a.merge(b);
        }
        self.retention.merge(later.retention);
        self.rfm.merge(later.rfm);
        self.journey.merge(later.journey);
        self.pain.merge(later.pain);
        self.pyramid.merge(later.pyramid);
    }

    fn min_customers_per_range(&self) -> usize {
        let funnel = self
            .funnel
            .as_ref()
            .map_or(0, |f| f.min_customers_per_range());
        [
            self.cx.min_customers_per_range(),
            self.sessions.min_customers_per_range(),
            self.lifecycle.min_customers_per_range(),
            funnel,
            self.retention.min_customers_per_range(),
            self.rfm.min_customers_per_range(),
            self.journey.min_customers_per_range(),
            self.pain.min_customers_per_range(),
            self.pyramid.min_customers_per_range(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

/// An option error of one analysis of the overview, naming the option under that
/// analysis's key (`lifecycle.period`).
fn under(key: &'static str) -> impl Fn(TouchpointError) -> TouchpointError {
    move |e| e.map_field(|option| format!("{key}.{option}"))
}

/// Runs every analysis of `options` over `data` in a single walk over the customers.
pub fn overview(data: &Dataset, options: &OverviewOptions) -> Result<Overview> {
    let (pass, stages) = OverviewPass::new(data, options)?;
    let ctx = PassContext::new(data, &stages);
    Ok(run_pass(&ctx, pass).finish(data))
}

impl OverviewPass {
    /// Every pass of `options` over `data`, and the stage map they share.
    pub(crate) fn new(data: &Dataset, options: &OverviewOptions) -> Result<(Self, StageMap)> {
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
        let pass = OverviewPass {
            cx: CxPass::new(data),
            sessions: SessionPass::new(data, &options.sessions).map_err(under("sessions"))?,
            lifecycle: LifecyclePass::new(data, &options.lifecycle).map_err(under("lifecycle"))?,
            funnel: options
                .funnel
                .as_ref()
                .map(|f| FunnelPass::new(data, f))
                .transpose()
                .map_err(under("funnel"))?,
            retention: RetentionPass::new(data, &options.retention).map_err(under("retention"))?,
            rfm: RfmPass::new(data, &options.rfm).map_err(under("rfm"))?,
            journey: JourneyMapPass::new(data, &options.journey).map_err(under("journey"))?,
            pain: PainPointPass::new(data, &options.pain_points).map_err(under("pain_points"))?,
            pyramid: PyramidPass::new(data, &options.pyramid).map_err(under("pyramid"))?,
        };
        Ok((pass, stages))
    }

    /// The report of every customer seen; `data` gives the names and the time range.
    pub(crate) fn finish(self, data: &Dataset) -> Overview {
        Overview {
            cx: self.cx.finish(data),
            sessions: self.sessions.finish(),
            lifecycle: self.lifecycle.finish(),
            funnel: self.funnel.map(FunnelPass::finish),
            retention: self.retention.finish(),
            rfm: self.rfm.finish(),
            journey: self.journey.finish(data),
            pain_points: self.pain.finish(data),
            pyramid: self.pyramid.finish(),
        }
    }
}
