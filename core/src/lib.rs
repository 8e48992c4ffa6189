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

// The areas (see ARCHITECTURE.md). Everything a user calls is re-exported below, at the
// crate root: `touchpoint::funnel`, `touchpoint::FunnelOptions`, `touchpoint::read_csv`.
mod analysis;
pub mod camel_case;
mod dataset;
mod experiment;
mod feedback;
pub mod ingest;
mod live;
mod model;
mod parallel;
mod partial;
mod privacy;
mod survey;
mod value;

// The model.
#[cfg(not(target_arch = "wasm32"))]
pub use live::DurableLiveEngine;
pub use live::{
    ComputedTrait, CustomerState, LiveEngine, LiveOptions, LiveStats, Signal, SignalKind,
    TraitAggregate, LIVE_SNAPSHOT_MAGIC, LIVE_SNAPSHOT_VERSION,
};
pub use model::channel::Channel;
pub use model::error::{ErrorInfo, RecordRef, Result, TouchpointError};
pub use model::event::{Answers, Customer, Event, Properties, SurveyAnswer, SurveyMetric};
pub use model::event_record::id_from_float;
pub use model::kind::EventKind;
/// The limits of what touchpoint accepts (time range, id length, nesting, option sizes).
pub use model::limits;
pub use model::options::{
    options_from_camel_value, options_from_value, value_from_camel_json, value_from_json,
    with_camel_options,
};
pub use model::period::Period;
pub use model::stage::{Stage, StageMap};
pub use model::time::{Timestamp, DAY_MS, MINUTE_MS};

// How many threads the readers and analyses use.
pub use parallel::{
    reset_threads_after_fork, set_threads, threads, threads_from_number, MAX_THREADS,
};

// Partial states: an analysis over partitions of the customers, merged (Spark and the like).
pub use partial::{
    PartialReport, PartialState, PartitionContext, PARTIAL_ANALYSES, PARTIAL_STATE_MAGIC,
    PARTIAL_STATE_VERSION,
};

// The dataset and its readers.
pub use dataset::{
    CustomerEvents, Dataset, DatasetBuilder, DatasetSummary, ForgetReceipt, PackedAnswer,
};
pub use ingest::{
    read_columns, read_csv, read_csv_from, read_events, read_records, read_segment,
    read_segment_from, seed_hashing, EventRecord, Ingested, Mode, ReadOptions,
};

// Privacy: forgetting and exporting a customer, pseudonymous ids.
pub use privacy::{pseudonymize, CustomerDerived, CustomerExport, PseudonymKey};

// Experiments: A/B statistics.
pub use experiment::{
    adjust_p_values, analyze_experiment, minimum_detectable_effect, nps_difference,
    sample_ratio_check, sample_size, Alternative, BayesianResult, Comparison, Correction,
    DetectableEffect, Difference, Effect, Engine, ExperimentData, ExperimentOptions,
    ExperimentReport, Interval, LinkedSums, MetricData, MetricKind, MetricResult, NpsCounts,
    NpsDifference, NpsEstimate, PowerOptions, Prior, SampleRatioCheck, SampleSize, VariantResult,
};
pub use experiment::{
    experiment, experiment_from_records, experiment_from_rows, ExperimentBreakdown,
    ExperimentEventOptions, ExperimentEventReport, ExperimentGroup, ExperimentMetric,
    ExperimentPass, ExposureExclusions, Measure, MetricPart, RowMetric, RowOptions, SkippedMetric,
    VariantOrder,
};
pub use feedback::language::Language;
pub use feedback::sentiment::lexicon::Lexicon;
pub use feedback::sentiment::{
    sentiment, text_from_utf8, Sentiment, SentimentAnalyzer, SentimentLabel, SentimentOptions,
};
pub use feedback::voice::terms::NegativeTerm;
pub use feedback::voice::{
    dataset_comments, read_comments, voice_of_customer, voice_of_dataset, Comment, VoiceGroup,
    VoiceOptions, VoiceReport,
};

// Survey scores.
pub use survey::ces::{ces, CesSummary, CesTally};
pub use survey::csat::{csat, CsatSummary, CsatTally};
pub use survey::cx_report::{
    cx_report, CxPass, CxReport, StageCount, StageScores, SurveyScores, SurveyTally,
};
pub use survey::nps::{nps, NpsGroup, NpsSummary, NpsTally};
pub use survey::programme::definition::{
    survey_template, Question, QuestionType, Survey, SURVEY_TEMPLATES,
};
pub use survey::programme::index::{CustomerIndex, EngagementIndex, IndexQuestion};
pub use survey::programme::invitations::{read_survey_invitations, ResponseRate};
pub use survey::programme::report::{
    score_survey, GroupScores, SurveyReport, SurveyWarning, SurveyWarningKind,
};
pub use survey::programme::responses::{
    read_survey_responses, Answer, SkippedAnswers, SurveyContact, SurveyLayout, SurveyResponse,
};
pub use survey::programme::tally::{
    ChoiceCount, CommentSentiment, QuestionScore, RatingScore, YesNoScore,
};
pub use survey::programme::waves::{compare_survey_waves, WaveChange, WaveComparison, WaveMeasure};
pub use survey::programme::SurveyOptions;

// The analyses, and the single pass they share.
pub use analysis::cx_pyramid::{
    cx_pyramid, PyramidLevel, PyramidOptions, PyramidPass, PyramidReport, LEVELS,
};
pub use analysis::engagement::{
    engagement, ActiveUsers, Breakdown, EngagementBucket, EngagementMetrics, EngagementOptions,
    EngagementPass, EngagementReport, GroupEngagement, SocialCounts,
};
pub use analysis::engagement_score::{
    engagement_score, BandCount, CustomerEngagementScore, EngagementScoreDistribution,
    EngagementScoreOptions, EngagementScorePass, EngagementScoreReport, EngagementScoreState,
    HealthBand, Trend,
};
pub use analysis::funnel::{
    funnel, Attribution, FunnelBreakdown, FunnelExclusion, FunnelGroup, FunnelOptions, FunnelOrder,
    FunnelPass, FunnelReport, FunnelStep, FunnelStepReport, DEFAULT_FUNNEL_WINDOW_SECONDS,
};
pub use analysis::journey_map::{
    journey_map, ChannelPair, ChannelSwitching, JourneyMap, JourneyMapOptions, JourneyMapPass,
    NodeKind, PathCount, Transition,
};
pub use analysis::lifecycle::{
    lifecycle, CustomerLifecycle, EngagementPhase, LifecycleCounts, LifecycleEvent,
    LifecycleOptions, LifecyclePass, LifecyclePeriod, LifecycleReport, LifecycleState,
    LifecycleStatus, PhaseCount, StageTransition,
};
pub use analysis::overview::{overview, Overview, OverviewOptions};
pub use analysis::pain_points::{
    pain_points, PainPoint, PainPointOptions, PainPointPass, PainPointReport, SIGNALS,
};
pub use analysis::pass::{run_pass, run_passes, CustomerPass, MergeablePass, PassContext};
pub use analysis::retention::{
    retention, RetentionAverage, RetentionCohort, RetentionOptions, RetentionPass, RetentionReport,
    RetentionType, MAX_RETENTION_PERIODS,
};
pub use analysis::segments::{
    engagement_tiers, quintile_scores, rfm, rule_segments, CmpOp, CustomerMetrics, CustomerTier,
    Field, Literal, Metric, MetricKinds, Operand, Predicate, RfmOptions, RfmPass, RfmReport,
    RfmRow, RfmSegmentRule, RfmSegmentSummary, RfmState, RuleSegmentCount, RuleSegmentOptions,
    RuleSegmentPass, RuleSegmentReport, SegmentRule, TierCount, TierOptions, TierPass, TierReport,
    TierRule,
};
pub use analysis::sessions::{
    sessions, Average, CustomerSessions, Session, SessionOptions, SessionPass, SessionReport,
    SessionState, SessionStats,
};
pub use value::{
    calibration_report, churn_risk, fit_purchase_model, fit_spend_model, lifetime_value,
    purchase_histories, purchase_histories_by_int_id, purchase_histories_from_int_transactions,
    purchase_histories_from_transactions, CalibrationGroup, CalibrationOptions, CalibrationReport,
    ChurnRisk, ChurnRiskOptions, ChurnRiskRow, CustomerValue, CustomerValueOptions,
    HoldoutPurchases, LifetimeValueOptions, LifetimeValues, PurchaseHistories,
    PurchaseHistoryOptions, PurchaseHistoryPass, PurchaseModel, PurchaseModelKind,
    PurchaseModelOptions, PurchasePredictions, SpendModel, SpendModelOptions, TimeUnit,
};

/// The Rust examples of the docs, compiled and run as doctests (see `docs/README.md`).
#[cfg(doctest)]
mod docs {
    #[doc = include_str!("../../docs/quickstart-rust.md")]
    pub struct QuickstartRust;
    #[doc = include_str!("../../docs/guide-scores.md")]
    pub struct GuideScores;
    #[doc = include_str!("../../docs/guide-engagement.md")]
    pub struct GuideEngagement;
    #[doc = include_str!("../../docs/guide-funnels.md")]
    pub struct GuideFunnels;
    #[doc = include_str!("../../docs/guide-retention.md")]
    pub struct GuideRetention;
    #[doc = include_str!("../../docs/guide-segments.md")]
    pub struct GuideSegments;
    #[doc = include_str!("../../docs/guide-journey.md")]
    pub struct GuideJourney;
    #[doc = include_str!("../../docs/guide-identity.md")]
    pub struct GuideIdentity;
    #[doc = include_str!("../../docs/guide-privacy.md")]
    pub struct GuidePrivacy;
    #[doc = include_str!("../../docs/guide-lifetime-value.md")]
    pub struct GuideLifetimeValue;
    #[doc = include_str!("../../docs/guide-experiments.md")]
    pub struct GuideExperiments;
    #[doc = include_str!("../../docs/guide-scale.md")]
    pub struct GuideScale;
    #[doc = include_str!("../../docs/guide-sentiment.md")]
    pub struct GuideSentiment;
    #[doc = include_str!("../../docs/guide-surveys.md")]
    pub struct GuideSurveys;
    #[doc = include_str!("../../docs/guide-voice.md")]
    pub struct GuideVoice;
    #[doc = include_str!("../../docs/guide-live.md")]
    pub struct GuideLive;
}
