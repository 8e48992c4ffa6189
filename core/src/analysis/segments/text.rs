//! The canonical text form of predicates (`Display`) and their serde form (that text).

use super::predicate::{Field, Literal, Operand, Predicate};
use serde::{Deserialize, Serialize};
use std::fmt;

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Metric(m) => f.write_str(m.as_str()),
            Field::Trait(path) => write!(f, "traits.{}", path.join(".")),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Number(x) => write!(f, "{x}"),
            Literal::Text(s) => {
                f.write_str("\"")?;
                for c in s.chars() {
                    match c {
                        '"' => f.write_str("\\\"")?,
                        '\\' => f.write_str("\\\\")?,
                        '\n' => f.write_str("\\n")?,
                        '\t' => f.write_str("\\t")?,
                        c => write!(f, "{c}")?,
                    }
                }
                f.write_str("\"")
            }
        }
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Field(x) => x.fmt(f),
            Operand::Literal(x) => x.fmt(f),
        }
    }
}

impl fmt::Display for Predicate {
    /// The canonical text form, with only the parentheses precedence needs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Precedence: or (1) < and (2) < not / atoms (3).
        fn level(p: &Predicate) -> u8 {
            match p {
                Predicate::Or(_) => 1,
                Predicate::And(_) => 2,
                _ => 3,
            }
        }
        fn child(f: &mut fmt::Formatter<'_>, p: &Predicate, min: u8) -> fmt::Result {
            if level(p) < min {
                write!(f, "({p})")
            } else {
                write!(f, "{p}")
            }
        }
        fn joined(f: &mut fmt::Formatter<'_>, ps: &[Predicate], sep: &str, min: u8) -> fmt::Result {
            for (i, p) in ps.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                child(f, p, min)?;
            }
            Ok(())
        }
        match self {
            Predicate::Const(b) => write!(f, "{b}"),
            Predicate::Truthy(x) => write!(f, "{x}"),
            Predicate::Exists(x) => write!(f, "exists({x})"),
            Predicate::Compare(a, op, b) => write!(f, "{a} {} {b}", op.as_str()),
            Predicate::In(a, list) => {
                write!(f, "{a} in [")?;
                for (i, l) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{l}")?;
                }
                f.write_str("]")
            }
            Predicate::Not(p) => {
                f.write_str("not ")?;
                child(f, p, 3)
            }
            Predicate::And(all) => joined(f, all, " and ", 2),
            // An `or` nested directly in an `or` keeps its parentheses (same meaning).
            Predicate::Or(any) => joined(f, any, " or ", 2),
        }
    }
}

impl Serialize for Predicate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Predicate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse::parse(&text)
            .map_err(|e| serde::de::Error::custom(format!("column {}: {}", e.column, e.message)))
    }
}
