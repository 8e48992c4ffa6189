//! Change signals: what moved in a customer's state, when, from what to what, and why.
//! Each comes from comparing the customer's view before and after an event, or before and
//! after time passed (dormancy, a decaying score, inactivity, a window).

use crate::{EngagementPhase, LifecycleStatus, Stage, Timestamp};
use serde::{Deserialize, Serialize};

/// What kind of change a [`Signal`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The customer reached a further journey stage (`from`: the stage left, if any).
    StageEntered,
    /// The lifecycle status changed (new, returning, resurrecting, dormant).
    LifecycleChanged,
    /// The engagement phase changed (first experience → relationship → loyalty → advocacy).
    PhaseChanged,
    /// The engagement score crossed into another health band.
    HealthBandChanged,
    /// A rule segment's rule now holds (`to`: the segment).
    SegmentEntered,
    /// A rule segment's rule no longer holds (`from`: the segment).
    SegmentLeft,
    /// Active before, and now inactive for the at-risk period.
    BecameAtRisk,
    /// Active again after being at risk.
    NoLongerAtRisk,
    /// An NPS answer of 0–6 (`to`: the score).
    Detractor,
}

/// One change in one customer's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The customer.
    pub customer_id: String,
    /// When the change happened: the engine's clock when an event caused it, the moment
    /// the period, band, window or at-risk limit was crossed when time passing did.
    pub at: Timestamp,
    /// What changed.
    pub signal: SignalKind,
    /// The value before (a stage, status, phase, band or segment name), if any.
    pub from: Option<String>,
    /// The value after, if any.
    pub to: Option<String>,
    /// Why, in words.
    pub reason: String,
    /// Caused by a late event (older than the reorder window): a correction.
    pub late: bool,
}

/// What signals compare: a customer's state at one time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct View {
    pub stage: Option<Stage>,
    pub status: Option<LifecycleStatus>,
    pub phase: Option<EngagementPhase>,
    pub band: usize,
    pub at_risk: bool,
    /// Membership of each rule segment, in rule order.
    pub segments: Vec<bool>,
}

/// Names of the values a view holds, for the signals.
pub(crate) fn status_name(s: LifecycleStatus) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn phase_name(p: EngagementPhase) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What the signals of one comparison share.
pub(crate) struct Change<'a> {
    pub customer_id: &'a str,
    pub at: i64,
    /// The event that caused the changes (late or not, its kind and channel), or `None`
    /// when time passing caused them; written into a reason only when there is a change.
    pub cause: Option<(bool, &'a str, &'a str)>,
}

/// The signals from `old` to `new`, in [`SignalKind`] order then segment order.
pub(crate) fn diff(
    old: &View,
    new: &View,
    c: &Change<'_>,
    bands: &[(String, f64)],
    segments: &[(String, crate::analysis::segments::Predicate)],
    mut out: impl FnMut(Signal),
) {
    let mut emit = |signal, from: Option<String>, to: Option<String>, reason: String| {
        out(Signal {
            customer_id: c.customer_id.to_string(),
            at: Timestamp(c.at),
            signal,
            from,
            to,
            reason,
            late: c.cause.is_some_and(|(late, _, _)| late),
        })
    };
    let by = |what: &str| match c.cause {
        Some((late, kind, channel)) => {
            let a = if late { "a late" } else { "a" };
            format!("{a} {kind} on {channel} {what}")
        }
        None => format!("time passing {what}"),
    };
    if old.stage != new.stage {
        let to = new.stage.map(|s| s.as_str().to_string());
        emit(
            SignalKind::StageEntered,
            old.stage.map(|s| s.as_str().to_string()),
            to.clone(),
            by(&format!("reached the {} stage", to.unwrap_or_default())),
        );
    }
    if old.status != new.status {
        let reason = match new.status {
            Some(LifecycleStatus::Dormant) => {
                by("began a lifecycle period without activity after an active one")
            }
            Some(s) => by(&format!("made the customer {}", status_name(s))),
            None => by("left the customer without activity"),
        };
        emit(
            SignalKind::LifecycleChanged,
            old.status.map(status_name),
            new.status.map(status_name),
            reason,
        );
    }
    if old.phase != new.phase {
        emit(
            SignalKind::PhaseChanged,
            old.phase.map(phase_name),
            new.phase.map(phase_name),
            by("changed the engagement phase"),
        );
    }
    if old.band != new.band {
        let (label, min) = &bands[new.band];
        let what = if new.band > old.band {
            format!("raised the engagement score into {label} ({min} and up)")
        } else {
            format!(
                "lowered the engagement score into {label} (below {})",
                bands[new.band + 1].1
            )
        };
        emit(
            SignalKind::HealthBandChanged,
            Some(bands[old.band].0.clone()),
            Some(label.clone()),
            by(&what),
        );
    }
    for (i, (name, rule)) in segments.iter().enumerate() {
        let (was, is) = (
            old.segments.get(i).copied().unwrap_or(false),
            new.segments.get(i).copied().unwrap_or(false),
        );
        if was != is {
            let (kind, from, to, what) = if is {
                (SignalKind::SegmentEntered, None, Some(name.clone()), "hold")
            } else {
                (
                    SignalKind::SegmentLeft,
                    Some(name.clone()),
                    None,
                    "no longer hold",
                )
            };
            emit(kind, from, to, by(&format!("made `{rule}` {what}")));
        }
    }
    if old.at_risk != new.at_risk {
        if new.at_risk {
            emit(
                SignalKind::BecameAtRisk,
                None,
                Some("at_risk".into()),
                by("reached the at-risk period without activity"),
            );
        } else {
            emit(
                SignalKind::NoLongerAtRisk,
                Some("at_risk".into()),
                None,
                by("was activity after the at-risk period"),
            );
        }
    }
}
