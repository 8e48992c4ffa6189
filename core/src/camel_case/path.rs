//! Error paths: the field or option an error names, respelled the way the input was written.
//!
//! Errors raised while deserializing camelCase input already name camel keys (see
//! [`from_camel_case`](super::from_camel_case)). Checks that run afterwards, on the typed
//! value (`steps[1].within_seconds` must not be negative), name snake fields; [`camel_path`]
//! respells such a path by following it through the value's own serde form, so only struct
//! fields are converted and map keys (data) stay as written.

use serde::Serialize;
use serde_json::Value;

use super::{snake_to_camel, CamelCase};
use crate::TouchpointError;

/// `path` (`steps[1].within_seconds`, `weights.page_view`, `rules.vip.rule`), a path into
/// `value`'s snake_case serde form, respelled for camelCase input: `steps[1].withinSeconds`,
/// `weights.page_view`.
///
/// Each segment is looked up in `value`: a struct field is written in camelCase, a map key
/// (data) and an index as they are. In a list, a segment that is not an index names the
/// element whose `name` field equals it (`rules.vip.rule`: the rule named `vip`), and is
/// kept as written. From the first segment that cannot be followed (absent, or below a
/// `null` or a number) the rest is kept as written.
pub fn camel_path<T: Serialize + ?Sized>(value: &T, path: &str) -> String {
    let (Ok(snake), Ok(camel)) = (
        serde_json::to_value(value),
        serde_json::to_value(CamelCase(value)),
    ) else {
        return path.to_string();
    };
    let mut out = String::with_capacity(path.len() + 4);
    let mut at = Some((&snake, &camel));
    for (i, segment) in segments(path).enumerate() {
        match segment {
            Segment::Index(text) => {
                out.push_str(text);
                let n = text[1..text.len() - 1].parse::<usize>().ok();
                at = at.and_then(|(s, c)| Some((s.get(n?)?, c.get(n?)?)));
            }
            Segment::Key(key) => {
                if i > 0 {
                    out.push('.');
                }
                let (spelled, next) = match at {
                    Some((s, c)) => follow(s, c, key),
                    None => (key.to_string(), None),
                };
                out.push_str(&spelled);
                at = next;
            }
        }
    }
    out
}

/// The same error, naming its field or option by [`camel_path`] over `value` (the message
/// follows). Errors that name nothing are returned unchanged.
pub fn camel_error<T: Serialize + ?Sized>(error: TouchpointError, value: &T) -> TouchpointError {
    error.map_field(|path| camel_path(value, path))
}

/// `path` with its first segment (an argument or top-level key) in camelCase and the rest
/// (data, such as the kinds of a stage map) as written: `stage_map.add_to_cart` →
/// `stageMap.add_to_cart`.
pub fn camel_head(path: &str) -> String {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    format!("{}{}", snake_to_camel(&path[..end]), &path[end..])
}

/// One step of [`camel_path`]: how `key` is spelled in the camel form, and where it leads.
fn follow<'v>(
    snake: &'v Value,
    camel: &'v Value,
    key: &str,
) -> (String, Option<(&'v Value, &'v Value)>) {
    match (snake, camel) {
        (Value::Object(s), Value::Object(c)) => {
            let Some(s_next) = s.get(key) else {
                return (key.to_string(), None);
            };
            // A map key is kept as it is; a struct field with a camel break never appears
            // in the camel form under its snake spelling.
            if let Some(c_next) = c.get(key) {
                return (key.to_string(), Some((s_next, c_next)));
            }
            let spelled = snake_to_camel(key).into_owned();
            let next = c.get(&spelled).map(|c_next| (s_next, c_next));
            (spelled, next)
        }
        (Value::Array(s), Value::Array(c)) => {
            let named = s
                .iter()
                .position(|e| e.get("name").and_then(Value::as_str) == Some(key));
            let next = named.and_then(|i| Some((s.get(i)?, c.get(i)?)));
            (key.to_string(), next)
        }
        _ => (key.to_string(), None),
    }
}

enum Segment<'a> {
    /// A name between dots.
    Key(&'a str),
    /// `[n]`, brackets included.
    Index(&'a str),
}

/// The segments of a path: `steps[1].kind` → `steps`, `[1]`, `kind`.
fn segments(path: &str) -> impl Iterator<Item = Segment<'_>> {
    path.split('.').filter(|p| !p.is_empty()).flat_map(|part| {
        let key_end = part.find('[').unwrap_or(part.len());
        let key = (key_end > 0).then(|| Segment::Key(&part[..key_end]));
        let mut rest = &part[key_end..];
        let indices = std::iter::from_fn(move || {
            let end = rest.find(']')? + 1;
            let (index, tail) = rest.split_at(end);
            rest = tail;
            Some(Segment::Index(index))
        });
        key.into_iter().chain(indices)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Step {
        kind: String,
        within_seconds: Option<f64>,
    }

    #[derive(Serialize)]
    struct Rule {
        name: String,
        rule_text: String,
    }

    #[derive(Serialize)]
    struct Options {
        steps: Vec<Step>,
        half_life_seconds: f64,
        weights: BTreeMap<String, f64>,
        stage_map: Option<BTreeMap<String, Option<String>>>,
        rules: Vec<Rule>,
        nested: Option<Box<Options>>,
    }

    fn options() -> Options {
        Options {
            steps: vec![
                Step {
                    kind: "a".into(),
                    within_seconds: None,
                },
                Step {
                    kind: "b".into(),
                    within_seconds: Some(-1.0),
                },
            ],
            half_life_seconds: 1.0,
            weights: [
                ("page_view".to_string(), 1.0),
                ("pageView".to_string(), 2.0),
            ]
            .into(),
            stage_map: Some([("add_to_cart".to_string(), None)].into()),
            rules: vec![Rule {
                name: "pro_buyers".into(),
                rule_text: "x".into(),
            }],
            nested: None,
        }
    }

    #[test]
    fn fields_converted_data_kept() {
        let o = options();
        for (snake, camel) in [
            ("steps[1].within_seconds", "steps[1].withinSeconds"),
            ("steps[0].kind", "steps[0].kind"),
            ("half_life_seconds", "halfLifeSeconds"),
            ("weights.page_view", "weights.page_view"),
            ("weights.pageView", "weights.pageView"),
            ("stage_map.add_to_cart", "stageMap.add_to_cart"),
            ("rules.pro_buyers.rule_text", "rules.pro_buyers.ruleText"),
            ("steps", "steps"),
            ("", ""),
        ] {
            assert_eq!(camel_path(&o, snake), camel, "{snake}");
        }
    }

    #[test]
    fn what_cannot_be_followed_is_kept() {
        let o = options();
        for path in [
            "unknown_option",
            "weights.no_such_kind.deeper_key",
            "nested.half_life_seconds",
            "steps[7].within_seconds",
            "rules.no_such_rule.rule_text",
        ] {
            // The first segment that is found is converted; the rest stays.
            let want = path.to_string();
            assert_eq!(camel_path(&o, path), want);
        }
        assert_eq!(camel_path(&json!(3), "a_b"), "a_b");
    }

    #[test]
    fn error_respelled_with_its_message() {
        let e = TouchpointError::config("steps[1].within_seconds", "must not be negative");
        let e = camel_error(e, &options());
        assert_eq!(e.field(), Some("steps[1].withinSeconds"));
        assert!(e.to_string().contains("`steps[1].withinSeconds`"), "{e}");
        let parse = TouchpointError::Parse {
            record: crate::RecordRef::Line(1),
            message: "x".into(),
        };
        assert_eq!(camel_error(parse.clone(), &options()), parse);
    }

    #[test]
    fn head_only() {
        assert_eq!(camel_head("stage_map.add_to_cart"), "stageMap.add_to_cart");
        assert_eq!(camel_head("customer_id"), "customerId");
        assert_eq!(camel_head("rows[2].page_view"), "rows[2].page_view");
        assert_eq!(camel_head(""), "");
    }
}
