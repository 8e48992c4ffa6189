//! # touchpoint
//!
//! Customer engagement and customer-experience (CX) analytics in one pure Rust core.
//! Feed it customers and touchpoints (events on every channel); ask it where each customer
//! stands in the journey (discover → shop → buy → own → advocate) and how satisfied,
//! engaged and loyal they are (NPS, CSAT, CES, …).
//!
//! ```
//! use touchpoint::{nps, Channel, Dataset, Event, EventKind, StageMap, SurveyMetric, Timestamp};
//!
//! let summary = nps(&[10.0, 9.0, 8.0, 3.0]).unwrap();
//! assert_eq!(summary.nps, Some(25.0));
//!
//! let t = Timestamp::parse("2026-03-01T09:30:00Z").unwrap();
//! let events = vec![
//!     Event::new("ana", t, Channel::Web, EventKind::Purchase).with_value(40.0),
//!     Event::new("ana", t, Channel::Email, EventKind::SurveyResponse).with_survey(SurveyMetric::Nps, 10.0),
//! ];
//! let data = Dataset::from_events(events).unwrap();
//! let report = touchpoint::cx_report(&data, &StageMap::default());
//! assert_eq!(report.by_channel["email"].nps.promoters, 1);
//! ```
//!
//! Ratios are `Option`s: with no answers they are `None` ("no data"), never NaN.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod answers;
mod ces;
mod channel;
mod csat;
mod dataset;
mod engagement;
mod error;
mod event;
pub mod funnel;
pub mod ingest;
pub mod journey;
pub mod overview;
pub mod painpoints;
pub mod pyramid;
mod kind;
mod lifecycle;
mod names;
mod nps;
mod options;
pub mod pass;
mod period;
mod report;
pub mod retention;
mod score;
pub mod segments;
mod sessions;
mod stage;
mod stats;
mod time;

pub use ces::{ces, CesSummary, CesTally};
pub use channel::Channel;
pub use csat::{csat, CsatSummary, CsatTally};
pub use dataset::{CustomerEvents, Dataset, DatasetBuilder, DatasetSummary, PackedAnswer};
pub use error::{ErrorInfo, RecordRef, Result, TouchpointError};
pub use event::{Customer, Event, Properties, SurveyAnswer, SurveyMetric};
pub use engagement::{
    engagement, ActiveUsers, Breakdown, EngagementBucket, EngagementMetrics, EngagementOptions, EngagementPass,
    EngagementReport, GroupEngagement, SocialCounts,
};
pub use funnel::{
    funnel, Attribution, FunnelBreakdown, FunnelExclusion, FunnelGroup, FunnelOptions, FunnelOrder, FunnelPass,
    FunnelReport, FunnelStep, FunnelStepReport,
};
pub use kind::EventKind;
pub use lifecycle::{
    lifecycle, CustomerLifecycle, EngagementPhase, LifecycleCounts, LifecycleEvent, LifecycleOptions, LifecyclePass,
    LifecyclePeriod, LifecycleReport, LifecycleState, LifecycleStatus, PhaseCount, StageTransition,
};
pub use nps::{nps, NpsGroup, NpsSummary, NpsTally};
pub use options::options_from_value;
pub use pass::{run_passes, CustomerPass, PassContext};
pub use period::Period;
pub use retention::{
    retention, RetentionAverage, RetentionCohort, RetentionOptions, RetentionPass, RetentionReport, RetentionType,
};
pub use report::{cx_report, CxPass, CxReport, ScoreSet, StageCount, StageScores, SurveyTally};
pub use score::{
    engagement_score, BandCount, CustomerScore, HealthBand, ScoreDistribution, ScoreOptions, ScorePass, ScoreReport,
    ScoreState, Trend,
};
pub use sessions::{
    sessions, Average, CustomerSessions, Session, SessionOptions, SessionPass, SessionReport, SessionState, SessionStats,
};
pub use stage::{Stage, StageMap};
pub use segments::{
    engagement_tiers, rfm, rule_segments, CustomerTier, Predicate, RfmOptions, RfmPass, RfmReport, RfmRow,
    RuleSegmentOptions, RuleSegmentPass, RuleSegmentReport, SegmentRule, TierOptions, TierPass, TierReport,
};
pub use time::{Timestamp, DAY_MS, MINUTE_MS};

/// The Rust quickstart (`docs/quickstart-rust.md`), compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/quickstart-rust.md")]
pub struct QuickstartRust;
