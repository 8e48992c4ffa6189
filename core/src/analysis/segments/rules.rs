//! Rule-based segments: named predicates over traits and built-in metrics, each counted over
//! every customer. Segments may overlap: each rule is tested on its own.

use super::metrics::{CustomerMetrics, Metric, MetricKinds};
use super::predicate::{Env, Predicate};
use super::{as_of_ms, check_names, parse_kind, percent};
use crate::{
    run_pass, CustomerEvents, CustomerPass, Dataset, MergeablePass, PassContext, Result, StageMap,
    Timestamp, TouchpointError,
};
use serde::{Deserialize, Serialize};

/// A named rule in the rule language (see `docs/guide-segments.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRule {
    /// The segment's name.
    pub name: String,
    /// The rule, for example `plan == "pro" and purchases >= 2`.
    pub rule: String,
}

impl SegmentRule {
    /// A rule from its text.
    pub fn new(name: &str, rule: &str) -> Self {
        SegmentRule {
            name: name.to_string(),
            rule: rule.to_string(),
        }
    }

    /// A rule from a built [`Predicate`] (stored as its text form).
    pub fn from_predicate(name: &str, predicate: &Predicate) -> Self {
        SegmentRule {
            name: name.to_string(),
            rule: predicate.to_string(),
        }
    }
}

/// Options of [`rule_segments`]. Every field has a default, so `{}` is valid (and gives no
/// segments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSegmentOptions {
    /// The segments. Default none.
    pub rules: Vec<SegmentRule>,
    /// The time metrics are computed at; later events are ignored. Default: the dataset's
    /// last event.
    pub as_of: Option<Timestamp>,
    /// The event kind `purchases` and `revenue` count. Default `"purchase"`.
    pub purchase_kind: String,
    /// Return each segment's member ids. Default false.
    pub include_members: bool,
    /// A fitted purchase model (and optionally a spend model) giving the rules the metrics
    /// `p_alive`, `expected_purchases`, `clv` and `value_at_risk`, each customer's history
    /// counted up to `as_of` (docs/guide-lifetime-value.md). Default none.
    pub customer_value: Option<crate::CustomerValueOptions>,
}

impl Default for RuleSegmentOptions {
    fn default() -> Self {
        RuleSegmentOptions {
            rules: Vec::new(),
            as_of: None,
            purchase_kind: "purchase".into(),
            include_members: false,
            customer_value: None,
        }
    }
}

/// The customers of one rule-based segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSegmentCount {
    /// The segment's name.
    pub name: String,
    /// The rule, in canonical form.
    pub rule: String,
    /// Customers matching the rule.
    pub customers: u64,
    /// Their percentage of all customers (`None` without customers).
    pub share: Option<f64>,
    /// Their ids, in dataset order (`include_members: true`).
    pub members: Option<Vec<String>>,
}

/// The result of [`rule_segments`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSegmentReport {
    /// The time metrics were computed at (`None` for a dataset without events).
    pub as_of: Option<Timestamp>,
    /// All customers, including those without events.
    pub customers: u64,
    /// Customers matching no rule.
    pub unmatched: u64,
    /// One entry per rule, in rule order.
    pub segments: Vec<RuleSegmentCount>,
}

/// Rule-based segments as a [`CustomerPass`]; [`finish`](RuleSegmentPass::finish) gives
/// the report. Metrics use the stage map of the [`PassContext`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSegmentPass {
    rules: Vec<(String, Predicate)>,
    as_of: Option<i64>,
    kinds: MetricKinds,
    metrics: CustomerMetrics,
    include_members: bool,
    customers: u64,
    unmatched: u64,
    counts: Vec<u64>,
    members: Vec<Vec<String>>,
    valuer: Option<crate::value::CustomerValuer>,
}

impl RuleSegmentPass {
    /// Parses the rules and checks the options against `data`. A rule that does not parse is
    /// an `InvalidConfig` naming `rules.<name>.rule`, its message starting `column N:`.
    pub fn new(data: &Dataset, options: &RuleSegmentOptions) -> Result<Self> {
        let kind = parse_kind("purchase_kind", &options.purchase_kind)?;
        check_names("rules", options.rules.iter().map(|r| r.name.as_str()))?;
        let rules = options
            .rules
            .iter()
            .map(|r| {
                Ok((
                    r.name.clone(),
                    Predicate::parse_for(&r.rule, &format!("rules.{}.rule", r.name))?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let n = rules.len();
        let as_of = as_of_ms(data, options.as_of)?;
        let valuer = match (&options.customer_value, as_of) {
            (Some(o), Some(as_of)) => Some(crate::value::CustomerValuer::new(data, o, as_of)?),
            _ => None,
        };
        if options.customer_value.is_none() {
            let needs = |m: Metric| m.needs_customer_value();
            if let Some((name, rule)) = rules.iter().find(|(_, r)| r.reads(&needs)) {
                return Err(TouchpointError::config(
                    format!("rules.{name}.rule"),
                    format!(
                        "`{rule}` reads a value metric (p_alive, expected_purchases, clv, value_at_risk): give the `customer_value` option (a fitted purchase model)"
                    ),
                ));
            }
        }
        Ok(RuleSegmentPass {
            rules,
            valuer,
            as_of,
            kinds: MetricKinds::new(data, &kind),
            metrics: CustomerMetrics::default(),
            include_members: options.include_members,
            customers: 0,
            unmatched: 0,
            counts: vec![0; n],
            members: vec![Vec::new(); n],
        })
    }

    /// The segment counts of every customer seen.
    pub fn finish(self) -> RuleSegmentReport {
        let total = self.customers;
        let include = self.include_members;
        RuleSegmentReport {
            as_of: self.as_of.map(Timestamp),
            customers: total,
            unmatched: self.unmatched,
            segments: self
                .rules
                .into_iter()
                .zip(self.counts)
                .zip(self.members)
                .map(|(((name, rule), count), members)| RuleSegmentCount {
                    name,
                    rule: rule.to_string(),
                    customers: count,
                    share: percent(count, total),
                    members: include.then_some(members),
                })
                .collect(),
        }
    }
}

impl CustomerPass for RuleSegmentPass {
    fn customer(&mut self, ctx: &PassContext<'_>, c: &CustomerEvents<'_>) {
        self.metrics.reset();
        let end = self.as_of.map_or(0, |a| c.ts.partition_point(|&t| t <= a));
        for i in 0..end {
            let stage = ctx.stage(c.kind[i]);
            self.metrics.push(
                &self.kinds,
                c.ts[i],
                c.channel[i],
                c.kind[i],
                c.value[i],
                c.answer[i],
                stage,
            );
            for (metric, score) in c.answers(i).skip(1) {
                self.metrics.add_answer(metric, score);
            }
        }
        if let Some(valuer) = &self.valuer {
            self.metrics.value = valuer.value(c);
        }
        let env = Env {
            traits: ctx.data.traits(c.index),
            metrics: &self.metrics,
            as_of: self.as_of,
        };
        let mut matched = false;
        for (i, (_, rule)) in self.rules.iter().enumerate() {
            if rule.eval(&env) {
                matched = true;
                self.counts[i] += 1;
                if self.include_members {
                    self.members[i].push(c.id.to_string());
                }
            }
        }
        self.customers += 1;
        self.unmatched += u64::from(!matched);
    }
}

impl MergeablePass for RuleSegmentPass {
    fn merge(&mut self, later: Self) {
        self.customers += later.customers;
        self.unmatched += later.unmatched;
        for (a, b) in self.counts.iter_mut().zip(later.counts) {
            *a += b;
        }
        for (a, b) in self.members.iter_mut().zip(later.members) {
            a.extend(b);
        }
    }
}

/// Counts the customers matching each named rule.
///
/// ```
/// use touchpoint::{rule_segments, RuleSegmentOptions, SegmentRule};
/// use touchpoint::{Channel, Customer, DatasetBuilder, Event, EventKind, RecordRef, Timestamp};
/// let t = Timestamp::parse("2026-03-01").unwrap();
/// let mut b = DatasetBuilder::new();
/// let mut traits = touchpoint::Properties::new();
/// traits.insert("plan".into(), "pro".into());
/// b.add_customer(Customer { id: "ana".into(), traits });
/// b.push_event(Event::new("ana", t, Channel::Web, EventKind::Purchase).with_value(150.0), RecordRef::Record(1)).unwrap();
/// b.push_event(Event::new("ben", t, Channel::Web, EventKind::Purchase), RecordRef::Record(2)).unwrap();
/// let options = RuleSegmentOptions {
///     rules: vec![SegmentRule::new("pro_buyers", r#"plan == "pro" and revenue > 100"#)],
///     include_members: true,
///     ..Default::default()
/// };
/// let r = rule_segments(&b.finish(), &options).unwrap();
/// assert_eq!(r.segments[0].members.as_deref(), Some(&["ana".to_string()][..]));
/// assert_eq!(r.segments[0].share, Some(50.0));
/// ```
pub fn rule_segments(data: &Dataset, options: &RuleSegmentOptions) -> Result<RuleSegmentReport> {
    let pass = RuleSegmentPass::new(data, options)?;
    Ok(run_pass(&PassContext::new(data, &StageMap::default()), pass).finish())
}
