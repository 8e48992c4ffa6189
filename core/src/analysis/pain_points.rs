//! Pain points: where the journey hurts. Friction signals per channel and per journey stage
//! (high effort, low satisfaction, detractors, support tickets, unresolved tickets, slow
//! resolution, drop-off, negative feedback: what customers wrote, scored for sentiment),
//! each turned into a 0–100 severity and ranked.

use crate::analysis::pass::{run_pass, CustomerPass, MergeablePass, PassContext};
use crate::{
    CesTally, CsatTally, CustomerEvents, Dataset, EventKind, NpsTally, Result, Stage, StageMap,
    SurveyMetric, TouchpointError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Options of [`pain_points`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PainPointOptions {
    /// Fewest survey answers (or tickets, or customers) a signal needs to be ranked. Default 5.
    pub min_evidence: u64,
    /// Resolution time, in hours, at which `slow_resolution` scores 50. Default 24.
    pub target_resolution_hours: f64,
    /// The kind that counts as reaching the goal, for `drop_off`. Default `purchase`.
    pub goal_kind: String,
    /// Weight of each signal in the ranking (signal name → weight); missing signals weigh 1.
    pub weights: BTreeMap<String, f64>,
    /// How many pain points to return. Default 10.
    pub top: usize,
    /// Journey-stage mapping overrides (kind → stage or null).
    pub stage_map: BTreeMap<String, Option<String>>,
    /// For `negative_feedback`: detect each text's language, leaving texts in a language
    /// without a lexicon uncounted (default true). Off, every text is scored as English,
    /// about three times faster.
    pub detect_language: bool,
}

impl Default for PainPointOptions {
    fn default() -> Self {
        PainPointOptions {
            min_evidence: 5,
            target_resolution_hours: 24.0,
            goal_kind: "purchase".into(),
            weights: BTreeMap::new(),
            top: 10,
            stage_map: BTreeMap::new(),
            detect_language: true,
        }
    }
}

/// The signals, by name.
pub const SIGNALS: [&str; 8] = [
    "high_effort",
    "low_satisfaction",
    "detractors",
    "support_tickets",
    "unresolved_tickets",
    "slow_resolution",
    "drop_off",
    "negative_feedback",
];

/// One ranked pain point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainPoint {
    /// `channel` or `stage`.
    pub scope: String,
    /// The channel or stage name.
    pub name: String,
    /// The signal (one of [`SIGNALS`]).
    pub signal: String,
    /// The measured value, in `unit`.
    pub value: f64,
    /// `%`, `per 100 customers` or `hours`.
    pub unit: String,
    /// 0–100: how bad it is (see the guide for each signal's scale).
    pub severity: f64,
    /// `severity × weight`: the ranking key.
    pub score: f64,
    /// How many answers, tickets or customers the value rests on.
    pub evidence: u64,
}

/// The ranked pain points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PainPointReport {
    /// The worst pain points first (ties by scope, name, signal).
    pub ranked: Vec<PainPoint>,
    /// How many (scope, signal) pairs had enough evidence to be ranked.
    pub candidates: u64,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Scope {
    customers: u64,
    nps: NpsTally,
    csat: CsatTally,
    ces: CesTally,
    tickets_opened: u64,
    unresolved: u64,
    waits_ms: Vec<i64>,
    drop_offs: u64,
    /// Free texts scored for sentiment (not blank, in a language with a lexicon).
    #[serde(default)]
    comments: u64,
    /// Those of them that are negative.
    #[serde(default)]
    negative_comments: u64,
}

/// The pain-point analysis as a [`CustomerPass`]. Scopes are the channels, then the stages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PainPointPass {
    options: PainPointOptions,
    goal: Option<u16>,
    opened: Option<u16>,
    resolved: Option<u16>,
    channels: usize,
    scopes: Vec<Scope>,
    seen: Vec<bool>,
    open_tickets: std::collections::VecDeque<(i64, usize, usize)>,
}

impl PainPointPass {
    /// A pass over `data`.
    pub fn new(data: &Dataset, options: &PainPointOptions) -> Result<Self> {
        crate::limits::window_ms(
            options.target_resolution_hours,
            3_600_000.0,
            "target_resolution_hours",
        )?;
        for (signal, w) in &options.weights {
            if !SIGNALS.contains(&signal.as_str()) {
                return Err(TouchpointError::config(
                    format!("weights.{signal}"),
                    format!("unknown signal (expected one of {})", SIGNALS.join(", ")),
                ));
            }
            let option = format!("weights.{signal}");
            if crate::limits::check_weight(*w, &option)? < 0.0 {
                return Err(TouchpointError::config(option, "must be a number ≥ 0"));
            }
        }
        let goal = EventKind::parse(&options.goal_kind)
            .ok_or_else(|| TouchpointError::config("goal_kind", "is empty"))?;
        let n = data.channels().len() + Stage::ALL.len();
        Ok(PainPointPass {
            options: options.clone(),
            goal: data.kind_code(&goal),
            opened: data.kind_code(&EventKind::TicketOpened),
            resolved: data.kind_code(&EventKind::TicketResolved),
            channels: data.channels().len(),
            scopes: vec![Scope::default(); n],
            seen: vec![false; n],
            open_tickets: Default::default(),
        })
    }

    fn stage_scope(&self, s: Stage) -> usize {
        self.channels + s.index()
    }

    /// The ranked pain points.
    pub fn finish(self, data: &Dataset) -> PainPointReport {
        let o = &self.options;
        let mut all = Vec::new();
        for (i, s) in self.scopes.iter().enumerate() {
            let (scope, name) = if i < self.channels {
                ("channel", data.channel_name(i as u16).to_string())
            } else {
                ("stage", Stage::ALL[i - self.channels].as_str().to_string())
            };
            let mut add = |signal: &str, value: f64, unit: &str, severity: f64, evidence: u64| {
                if evidence >= o.min_evidence.max(1) {
                    let weight = o.weights.get(signal).copied().unwrap_or(1.0);
                    all.push(PainPoint {
                        scope: scope.into(),
                        name: name.clone(),
                        signal: signal.into(),
                        value,
                        unit: unit.into(),
                        severity,
                        score: severity * weight,
                        evidence,
                    });
                }
            };
            let ces = s.ces.summary();
            if let Some(v) = ces.high_effort_share {
                add("high_effort", v, "%", v, ces.responses);
            }
            let csat = s.csat.summary();
            if let Some(v) = csat.csat {
                add(
                    "low_satisfaction",
                    100.0 - v,
                    "%",
                    100.0 - v,
                    csat.responses,
                );
            }
            let nps = s.nps.summary();
            if let Some(v) = nps.detractor_share {
                add("detractors", v, "%", v, nps.responses);
            }
            if s.customers > 0 {
                let per100 = 100.0 * s.tickets_opened as f64 / s.customers as f64;
                add(
                    "support_tickets",
                    per100,
                    "per 100 customers",
                    per100.min(100.0),
                    s.customers,
                );
                let drop = 100.0 * s.drop_offs as f64 / s.customers as f64;
                add("drop_off", drop, "%", drop, s.customers);
            }
            if s.tickets_opened > 0 {
                let v = 100.0 * s.unresolved as f64 / s.tickets_opened as f64;
                add("unresolved_tickets", v, "%", v, s.tickets_opened);
            }
            if s.comments > 0 {
                let v = 100.0 * s.negative_comments as f64 / s.comments as f64;
                add("negative_feedback", v, "%", v, s.comments);
            }
            if let Some(seconds) = crate::analysis::stats::median_seconds(&s.waits_ms) {
                let hours = seconds / 3600.0;
                add(
                    "slow_resolution",
                    hours,
                    "hours",
                    100.0 * hours / (hours + o.target_resolution_hours),
                    s.waits_ms.len() as u64,
                );
            }
        }
        let candidates = all.len() as u64;
        all.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (&a.scope, &a.name, &a.signal).cmp(&(&b.scope, &b.name, &b.signal)))
        });
        all.truncate(o.top);
        PainPointReport {
            ranked: all,
            candidates,
        }
    }
}

impl CustomerPass for PainPointPass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        if c.is_empty() {
            return;
        }
        self.seen.iter_mut().for_each(|s| *s = false);
        self.open_tickets.clear();
        let mut furthest: Option<Stage> = None;
        let mut reached_goal = false;
        for i in 0..c.len() {
            let k = c.kind[i];
            if let Some(s) = ctx.stage(k) {
                furthest = furthest.max(Some(s));
            }
            reached_goal |= Some(k) == self.goal;
            let ch = c.channel[i] as usize;
            let st = furthest.map(|s| self.stage_scope(s));
            let detect = self.options.detect_language;
            let negative = c.text(i).and_then(|t| negative_text(t, detect));
            for scope in [Some(ch), st].into_iter().flatten() {
                self.seen[scope] = true;
                for (metric, score) in c.answers(i) {
                    let s = &mut self.scopes[scope];
                    match metric {
                        SurveyMetric::Nps => s.nps.add(score),
                        SurveyMetric::Csat => s.csat.add(score),
                        SurveyMetric::Ces => s.ces.add(score),
                        _ => {}
                    }
                }
                if Some(k) == self.opened {
                    self.scopes[scope].tickets_opened += 1;
                }
                if let Some(negative) = negative {
                    self.scopes[scope].comments += 1;
                    self.scopes[scope].negative_comments += u64::from(negative);
                }
            }
            if Some(k) == self.opened {
                self.open_tickets
                    .push_back((c.ts[i], ch, st.unwrap_or(usize::MAX)));
            } else if Some(k) == self.resolved {
                if let Some((t0, a, b)) = self.open_tickets.pop_front() {
                    for scope in [a, b] {
                        if scope != usize::MAX {
                            // Two event times (1900 to 9999): the difference fits an i64.
                            self.scopes[scope].waits_ms.push(c.ts[i] - t0);
                        }
                    }
                }
            }
        }
        for &(_, a, b) in &self.open_tickets {
            for scope in [a, b] {
                if scope != usize::MAX {
                    self.scopes[scope].unresolved += 1;
                }
            }
        }
        let last = c.len() - 1;
        let last_scopes = [
            Some(c.channel[last] as usize),
            furthest.map(|s| self.stage_scope(s)),
        ];
        for (scope, seen) in self.seen.iter().enumerate() {
            if *seen {
                self.scopes[scope].customers += 1;
            }
        }
        if !reached_goal {
            for scope in last_scopes.into_iter().flatten() {
                self.scopes[scope].drop_offs += 1;
            }
        }
    }
}

impl MergeablePass for PainPointPass {
    fn merge(&mut self, later: Self) {
        for (a, b) in self.scopes.iter_mut().zip(later.scopes) {
            a.customers += b.customers;
            a.nps.merge(&b.nps);
            a.csat.merge(&b.csat);
            a.ces.merge(&b.ces);
            a.tickets_opened += b.tickets_opened;
            a.unresolved += b.unresolved;
            a.waits_ms.extend(b.waits_ms);
            a.drop_offs += b.drop_offs;
            a.comments += b.comments;
            a.negative_comments += b.negative_comments;
        }
    }
}

/// Whether a free text is negative (VADER's compound at most -0.05; the language detected
/// when `detect`): `None` for a blank text or one in a language no lexicon is for, which are
/// not counted.
fn negative_text(text: &str, detect: bool) -> Option<bool> {
    static ENGLISH_ONLY: std::sync::OnceLock<crate::SentimentAnalyzer> = std::sync::OnceLock::new();
    if text.trim().is_empty() {
        return None;
    }
    let analyzer = if detect {
        crate::SentimentAnalyzer::english()
    } else {
        ENGLISH_ONLY.get_or_init(|| {
            let options = crate::SentimentOptions {
                detect_language: false,
                ..crate::SentimentOptions::default()
            };
            // The default threshold is valid: this cannot fail.
            crate::SentimentAnalyzer::english()
                .with_options(options)
                .unwrap_or_else(|_| crate::SentimentAnalyzer::new())
        })
    };
    // A text the readers accepted is at most `MAX_TEXT_BYTES`: scoring it cannot fail.
    let s = analyzer.score(text).ok()?;
    match s.label {
        crate::SentimentLabel::Unscored => None,
        label => Some(label == crate::SentimentLabel::Negative),
    }
}

/// The ranked pain points of `data`.
pub fn pain_points(data: &Dataset, options: &PainPointOptions) -> Result<PainPointReport> {
    let stages = StageMap::from_overrides(&options.stage_map)?;
    let pass = PainPointPass::new(data, options)?;
    let ctx = PassContext::new(data, &stages);
    Ok(run_pass(&ctx, pass).finish(data))
}
