//! Predicates over a customer's traits and built-in metrics: the syntax tree the rule
//! language parses into, a builder for Rust users, and evaluation.
//!
//! Evaluation is two-valued: a comparison is **false** when either side is missing (no such
//! trait, a JSON `null`, a metric with no data such as `nps_last` without an NPS answer) or
//! when the two sides have different types (`plan == 3` with `plan = "3"`). `not` simply
//! negates, so `not plan == "pro"` is true for a customer without a plan, while
//! `plan != "pro"` is false for them. Combine with `exists(plan)` to be explicit.

use super::metrics::{CustomerMetrics, Metric};
use crate::{Properties, Result, Stage, Timestamp, TouchpointError};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written in rules.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

/// A constant in a rule: a string, a number or a boolean.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `"pro"` or `'pro'`.
    Text(String),
    /// `100`, `-2.5`, `1e3`.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
}

impl From<&str> for Literal {
    fn from(s: &str) -> Self {
        Literal::Text(s.to_string())
    }
}

impl From<String> for Literal {
    fn from(s: String) -> Self {
        Literal::Text(s)
    }
}

impl From<f64> for Literal {
    fn from(x: f64) -> Self {
        Literal::Number(x)
    }
}

impl From<i64> for Literal {
    fn from(x: i64) -> Self {
        Literal::Number(x as f64)
    }
}

impl From<bool> for Literal {
    fn from(b: bool) -> Self {
        Literal::Bool(b)
    }
}

/// What a name in a rule refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// A built-in metric (`purchases`, `nps_last`, …).
    Metric(Metric),
    /// A trait, as a path into the traits object (`traits.address.city` → `["address", "city"]`).
    Trait(Vec<String>),
}

impl Field {
    /// Resolves a name: `traits.x…` is always a trait; a single name that is a metric name is
    /// that metric; any other name is a trait (dots descend into nested objects).
    pub fn named(name: &str) -> Field {
        let parts: Vec<&str> = name.split('.').collect();
        match parts.as_slice() {
            ["traits", rest @ ..] if !rest.is_empty() => {
                Field::Trait(rest.iter().map(|s| s.to_string()).collect())
            }
            [single] if Metric::parse(single).is_some() => {
                Field::Metric(Metric::parse(single).unwrap())
            }
            _ => Field::Trait(parts.iter().map(|s| s.to_string()).collect()),
        }
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A trait or metric of the customer.
    Field(Field),
    /// A constant.
    Literal(Literal),
}

/// A condition on one customer. Build one by parsing ([`Predicate::parse`]) or with the
/// builder methods ([`Predicate::eq`], [`and`](Predicate::and), `!p`, …); its text form
/// (`Display`, and its serde form) parses back to the same predicate.
///
/// ```
/// use touchpoint::Predicate;
/// let built = Predicate::eq("plan", "pro").and(Predicate::ge("purchases", 2).or(Predicate::gt("revenue", 100)));
/// let parsed = Predicate::parse(r#"traits.plan == "pro" and (purchases >= 2 or revenue > 100)"#).unwrap();
/// assert_eq!(built, parsed);
/// assert_eq!(built.to_string(), r#"traits.plan == "pro" and (purchases >= 2 or revenue > 100)"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Predicate {
    /// `true` or `false`.
    Const(bool),
    /// A bare name: true when it is the boolean `true`.
    Truthy(Field),
    /// `exists(name)`: true when the name has a non-null value.
    Exists(Field),
    /// `left op right`.
    Compare(Operand, CmpOp, Operand),
    /// `value in [a, b, …]`: true when the value equals one of the constants.
    In(Operand, Vec<Literal>),
    /// `not p`.
    Not(Box<Predicate>),
    /// `p and q and …` (all).
    And(Vec<Predicate>),
    /// `p or q or …` (any).
    Or(Vec<Predicate>),
}

impl Predicate {
    /// Whether the predicate reads a metric for which `test` is true.
    pub(crate) fn reads(&self, test: &impl Fn(Metric) -> bool) -> bool {
        let field = |f: &Field| matches!(f, Field::Metric(m) if test(*m));
        let operand = |o: &Operand| matches!(o, Operand::Field(f) if field(f));
        match self {
            Predicate::Const(_) => false,
            Predicate::Truthy(f) | Predicate::Exists(f) => field(f),
            Predicate::Compare(a, _, b) => operand(a) || operand(b),
            Predicate::In(a, _) => operand(a),
            Predicate::Not(p) => p.reads(test),
            Predicate::And(ps) | Predicate::Or(ps) => ps.iter().any(|p| p.reads(test)),
        }
    }

    /// Parses the rule language (see `docs/guide-segments.md`). Errors are
    /// [`TouchpointError::InvalidConfig`] for the option `rule`, the message starting with the
    /// 1-based column (`column 14: …`).
    pub fn parse(text: &str) -> Result<Predicate> {
        Predicate::parse_for(text, "rule")
    }

    /// Like [`parse`](Predicate::parse), naming `option` in the error.
    pub fn parse_for(text: &str, option: &str) -> Result<Predicate> {
        super::parse::parse(text).map_err(|e| {
            TouchpointError::config(option, format!("column {}: {}", e.column, e.message))
        })
    }

    fn compare(field: &str, op: CmpOp, value: impl Into<Literal>) -> Predicate {
        Predicate::Compare(
            Operand::Field(Field::named(field)),
            op,
            Operand::Literal(value.into()),
        )
    }

    /// `field == value`.
    pub fn eq(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Eq, value)
    }

    /// `field != value`.
    pub fn ne(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Ne, value)
    }

    /// `field < value`.
    pub fn lt(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Lt, value)
    }

    /// `field <= value`.
    pub fn le(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Le, value)
    }

    /// `field > value`.
    pub fn gt(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Gt, value)
    }

    /// `field >= value`.
    pub fn ge(field: &str, value: impl Into<Literal>) -> Predicate {
        Predicate::compare(field, CmpOp::Ge, value)
    }

    /// `field in [values…]`.
    pub fn is_in<L: Into<Literal>>(field: &str, values: impl IntoIterator<Item = L>) -> Predicate {
        Predicate::In(
            Operand::Field(Field::named(field)),
            values.into_iter().map(Into::into).collect(),
        )
    }

    /// `exists(field)`.
    pub fn exists(field: &str) -> Predicate {
        Predicate::Exists(Field::named(field))
    }

    /// `self and other`.
    pub fn and(self, other: Predicate) -> Predicate {
        match self {
            Predicate::And(mut all) => {
                all.push(other);
                Predicate::And(all)
            }
            p => Predicate::And(vec![p, other]),
        }
    }

    /// `self or other`.
    pub fn or(self, other: Predicate) -> Predicate {
        match self {
            Predicate::Or(mut any) => {
                any.push(other);
                Predicate::Or(any)
            }
            p => Predicate::Or(vec![p, other]),
        }
    }

    /// Whether a customer with these traits and metrics satisfies the predicate; `as_of` is
    /// the time `first_seen_days_ago` and `last_seen_days_ago` count from.
    pub fn matches(
        &self,
        traits: &Properties,
        metrics: &CustomerMetrics,
        as_of: Option<Timestamp>,
    ) -> bool {
        let env = Env {
            traits,
            metrics,
            as_of: as_of.map(|t| t.0),
        };
        self.eval(&env)
    }

    pub(crate) fn eval(&self, env: &Env<'_>) -> bool {
        match self {
            Predicate::Const(b) => *b,
            Predicate::Truthy(f) => matches!(env.field(f), Val::Bool(true)),
            Predicate::Exists(f) => !matches!(env.field(f), Val::Null),
            Predicate::Compare(a, op, b) => compare(env.operand(a), *op, env.operand(b)),
            Predicate::In(a, list) => {
                let v = env.operand(a);
                list.iter().any(|l| compare(v, CmpOp::Eq, literal_val(l)))
            }
            Predicate::Not(p) => !p.eval(env),
            Predicate::And(all) => all.iter().all(|p| p.eval(env)),
            Predicate::Or(any) => any.iter().any(|p| p.eval(env)),
        }
    }
}

impl std::ops::Not for Predicate {
    type Output = Predicate;

    /// `not self`.
    fn not(self) -> Predicate {
        Predicate::Not(Box::new(self))
    }
}

impl std::str::FromStr for Predicate {
    type Err = TouchpointError;

    fn from_str(s: &str) -> Result<Predicate> {
        Predicate::parse(s)
    }
}

/// A value during evaluation; `Null` is "missing" and `Other` an array or object trait.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Text(&'a str),
    Stage(Stage),
    Other,
}

/// What a predicate is evaluated against.
pub(crate) struct Env<'a> {
    pub traits: &'a Properties,
    pub metrics: &'a CustomerMetrics,
    pub as_of: Option<i64>,
}

impl<'a> Env<'a> {
    fn field(&self, f: &'a Field) -> Val<'a> {
        match f {
            Field::Metric(m) => self.metrics.val(*m, self.as_of),
            Field::Trait(path) => {
                let mut v = match self.traits.get(&path[0]) {
                    Some(v) => v,
                    None => return Val::Null,
                };
                for key in &path[1..] {
                    match v.get(key.as_str()) {
                        Some(inner) => v = inner,
                        None => return Val::Null,
                    }
                }
                json_val(v)
            }
        }
    }

    fn operand(&self, o: &'a Operand) -> Val<'a> {
        match o {
            Operand::Field(f) => self.field(f),
            Operand::Literal(l) => literal_val(l),
        }
    }
}

fn json_val(v: &serde_json::Value) -> Val<'_> {
    use serde_json::Value as J;
    match v {
        J::Null => Val::Null,
        J::Bool(b) => Val::Bool(*b),
        J::Number(n) => n.as_f64().map_or(Val::Null, Val::Num),
        J::String(s) => Val::Text(s),
        J::Array(_) | J::Object(_) => Val::Other,
    }
}

fn literal_val(l: &Literal) -> Val<'_> {
    match l {
        Literal::Text(s) => Val::Text(s),
        Literal::Number(x) => Val::Num(*x),
        Literal::Bool(b) => Val::Bool(*b),
    }
}

/// Compares two values of the same type; anything else (missing, mismatched) is false.
fn compare(a: Val<'_>, op: CmpOp, b: Val<'_>) -> bool {
    let ord = match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(&y),
        (Val::Text(x), Val::Text(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Some(x.cmp(&y)),
        (Val::Stage(x), Val::Stage(y)) => Some(x.cmp(&y)),
        (Val::Stage(x), Val::Text(y)) => Stage::parse(y).map(|y| x.cmp(&y)),
        (Val::Text(x), Val::Stage(y)) => Stage::parse(x).map(|x| x.cmp(&y)),
        _ => None,
    };
    ord.is_some_and(|o| op.holds(o))
}
