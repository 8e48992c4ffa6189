//! Tests for `camel_case`: names, output, input, and the serde_derive
//! behaviours the heuristics rely on.

use super::de::{FieldSeed, Keys};
use super::*;
use proptest::prelude::*;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

// ------------------------------------------------------------ fixtures

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(rename_all = "snake_case")]
enum Mode {
    Strict,
    PageView,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct Step {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    within_seconds: Option<u64>,
    #[serde(default)]
    optional: bool,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct FunnelOpts {
    steps: Vec<Step>,
    mode: Mode,
    #[serde(default)]
    max_gap_days: Option<u32>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Customer {
    customer_id: String,
    p_alive: f64,
    nps: i32,
    by_channel: BTreeMap<String, u32>,
    segment: Option<Segment>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(deny_unknown_fields)]
struct Segment {
    segment_name: String,
    member_count: u64,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
enum Event {
    PageView,
    Purchase { order_id: String, total_cents: u64 },
    Custom(Segment),
    Pair(u8, Segment),
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(tag = "code")]
enum Problem {
    MissingColumn { column_name: String },
    TooFew { min_rows: u32 },
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(tag = "kind_of", content = "payload_data")]
enum Adjacent {
    Stage { stage_name: String },
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(untagged)]
enum Loose {
    Full { first_seen: u32, last_seen: u32 },
    Bare(u32),
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Outer {
    report_id: u32,
    #[serde(flatten)]
    inner: Flat,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Flat {
    total_revenue: u64,
    churn_rate: f64,
}

fn to_camel<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(CamelCase(v)).unwrap()
}

fn from_value<T: for<'de> Deserialize<'de>>(v: Value) -> Result<T, String> {
    from_camel_case(v).map_err(|e: serde_json::Error| e.to_string())
}

fn opts() -> FunnelOpts {
    FunnelOpts {
        steps: vec![
            Step {
                kind: "page_view".into(),
                within_seconds: None,
                optional: false,
            },
            Step {
                kind: "add_to_cart".into(),
                within_seconds: Some(600),
                optional: true,
            },
        ],
        mode: Mode::PageView,
        max_gap_days: Some(3),
    }
}

fn customer() -> Customer {
    Customer {
        customer_id: "c1".into(),
        p_alive: 0.5,
        nps: 9,
        by_channel: BTreeMap::from([("in_store".into(), 2), ("web_app".into(), 3)]),
        segment: Some(Segment {
            segment_name: "at_risk".into(),
            member_count: 7,
        }),
    }
}

// ------------------------------------------------------------ names

#[test]
fn snake_to_camel_examples() {
    for (snake, camel) in [
        ("customer_id", "customerId"),
        ("p_alive", "pAlive"),
        ("nps", "nps"),
        ("by_channel", "byChannel"),
        ("p50_ms", "p50Ms"),
        ("top_3", "top_3"),
        ("day_7_rate", "day_7Rate"),
        ("a__b", "a_B"),
        ("", ""),
        ("x", "x"),
        ("é_b", "éB"),
    ] {
        assert_eq!(snake_to_camel(snake), camel, "{snake}");
        assert_eq!(camel_to_snake(camel), snake, "{camel}");
        assert!(camel_chars(snake).eq(camel.chars()));
    }
}

#[test]
fn conversions_borrow_when_unchanged() {
    assert!(matches!(snake_to_camel("nps"), Cow::Borrowed(_)));
    assert!(matches!(snake_to_camel("top_3"), Cow::Borrowed(_)));
    assert!(matches!(camel_to_snake("nps"), Cow::Borrowed(_)));
    assert!(matches!(snake_to_camel("p_alive"), Cow::Owned(_)));
}

#[test]
fn camel_static_is_interned() {
    let a = camel_static("interned_name");
    let b = camel_static("interned_name");
    assert_eq!(a, "internedName");
    assert!(std::ptr::eq(a, b));
    assert!(std::ptr::eq(camel_static("plain"), "plain"));
}

#[test]
fn camel_fields_are_interned_per_slice() {
    static FIELDS: &[&str] = &["kind", "within_seconds", "top_3"];
    let a = camel_fields(FIELDS);
    assert_eq!(a, ["kind", "withinSeconds", "top_3"]);
    assert!(std::ptr::eq(a, camel_fields(FIELDS)));
    static PLAIN: &[&str] = &["kind", "nps"];
    assert!(std::ptr::eq(camel_fields(PLAIN), PLAIN));
}

proptest! {
    #[test]
    fn snake_round_trips(k in "[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*") {
        let camel = snake_to_camel(&k);
        prop_assert!(!camel.contains('_'));
        prop_assert_eq!(camel_to_snake(&camel), k.as_str());
    }

    #[test]
    fn snake_with_digit_segments_round_trips(k in "[a-z0-9_]{0,24}") {
        let camel = snake_to_camel(&k);
        prop_assert_eq!(camel_to_snake(&camel), k.as_str());
        prop_assert!(camel_chars(&k).eq(snake_to_camel(&k).chars()));
    }

    #[test]
    fn camel_names_resolve_to_fields(k in "[a-z][a-z0-9]*(_[a-z0-9]+)*") {
        // Whatever a field is called, its camel spelling is read back as it.
        let fields: &'static [&'static str] = Box::leak(vec![&*Box::leak(k.clone().into_boxed_str())].into_boxed_slice());
        let key = snake_to_camel(&k).into_owned();
        let de = serde_json::Value::String(key);
        let got = FieldSeed(std::marker::PhantomData::<String>, Keys::Fields(fields, camel_fields(fields)))
            .deserialize(de).unwrap();
        prop_assert_eq!(got, k);
    }
}

// ------------------------------------------------------------ output

#[test]
fn struct_fields_converted_map_keys_kept() {
    assert_eq!(
        to_camel(&customer()),
        json!({
            "customerId": "c1", "pAlive": 0.5, "nps": 9,
            "byChannel": {"in_store": 2, "web_app": 3},
            "segment": {"segmentName": "at_risk", "memberCount": 7}
        })
    );
}

#[test]
fn to_string_matches_to_value() {
    let text = serde_json::to_string(&CamelCase(&customer())).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        to_camel(&customer())
    );
    assert!(
        text.starts_with(r#"{"customerId":"c1","pAlive":0.5"#),
        "{text}"
    );
}

#[test]
fn btreemap_keys_untouched_heuristic_guard() {
    // serde must keep calling serialize_map(Some(len)) for real maps.
    let m = BTreeMap::from([("add_to_cart".to_string(), 1), ("page_view".to_string(), 2)]);
    assert_eq!(to_camel(&m), json!({"add_to_cart": 1, "page_view": 2}));
    let h = HashMap::from([("at_risk".to_string(), vec![1])]);
    assert_eq!(to_camel(&h), json!({"at_risk": [1]}));
    let v = json!({"event_props": {"page_url": "x"}});
    assert_eq!(to_camel(&v), v);
}

#[test]
fn map_values_are_converted() {
    let m = BTreeMap::from([(
        "at_risk".to_string(),
        Segment {
            segment_name: "a".into(),
            member_count: 1,
        },
    )]);
    assert_eq!(
        to_camel(&m),
        json!({"at_risk": {"segmentName": "a", "memberCount": 1}})
    );
}

#[test]
fn flatten_fields_converted_heuristic_guard() {
    // serde must keep serializing flatten structs as serialize_map(None).
    let o = Outer {
        report_id: 1,
        inner: Flat {
            total_revenue: 10,
            churn_rate: 0.1,
        },
    };
    assert_eq!(
        to_camel(&o),
        json!({"reportId": 1, "totalRevenue": 10, "churnRate": 0.1})
    );
    let text = serde_json::to_string(&CamelCase(&o)).unwrap();
    assert_eq!(text, r#"{"reportId":1,"totalRevenue":10,"churnRate":0.1}"#);
}

#[test]
fn flattened_map_keys_are_converted_known_limitation() {
    #[derive(Serialize)]
    struct WithProps {
        event_name: String,
        #[serde(flatten)]
        props: BTreeMap<String, u8>,
    }
    let w = WithProps {
        event_name: "e".into(),
        props: BTreeMap::from([("in_store".into(), 1)]),
    };
    assert_eq!(to_camel(&w), json!({"eventName": "e", "inStore": 1}));
}

#[test]
fn nested_depth_everywhere() {
    let deep: Vec<Option<BTreeMap<String, Vec<Segment>>>> = vec![
        None,
        Some(BTreeMap::from([(
            "k_k".into(),
            vec![Segment {
                segment_name: "s".into(),
                member_count: 2,
            }],
        )])),
    ];
    assert_eq!(
        to_camel(&deep),
        json!([null, {"k_k": [{"segmentName": "s", "memberCount": 2}]}])
    );
    let tuple = (
        Segment {
            segment_name: "t".into(),
            member_count: 0,
        },
        1u8,
    );
    assert_eq!(
        to_camel(&tuple),
        json!([{"segmentName": "t", "memberCount": 0}, 1])
    );
}

#[test]
fn unit_variant_names_are_values() {
    assert_eq!(to_camel(&Mode::PageView), json!("page_view"));
    assert_eq!(
        to_camel(&opts()),
        json!({
            "steps": [{"kind": "page_view", "optional": false},
                      {"kind": "add_to_cart", "withinSeconds": 600, "optional": true}],
            "mode": "page_view",
            "maxGapDays": 3
        })
    );
}

#[test]
fn externally_tagged_variants() {
    assert_eq!(to_camel(&Event::PageView), json!("PageView"));
    assert_eq!(
        to_camel(&Event::Purchase {
            order_id: "o".into(),
            total_cents: 5
        }),
        json!({"Purchase": {"orderId": "o", "totalCents": 5}})
    );
    let seg = Segment {
        segment_name: "n".into(),
        member_count: 1,
    };
    assert_eq!(
        to_camel(&Event::Custom(seg.clone())),
        json!({"Custom": {"segmentName": "n", "memberCount": 1}})
    );
    assert_eq!(
        to_camel(&Event::Pair(2, seg)),
        json!({"Pair": [2, {"segmentName": "n", "memberCount": 1}]})
    );
}

#[test]
fn internally_tagged_enum_output() {
    assert_eq!(
        to_camel(&Problem::MissingColumn {
            column_name: "x_y".into()
        }),
        json!({"code": "MissingColumn", "columnName": "x_y"})
    );
}

#[test]
fn adjacently_tagged_enum_output() {
    assert_eq!(
        to_camel(&Adjacent::Stage {
            stage_name: "s".into()
        }),
        json!({"kindOf": "Stage", "payloadData": {"stageName": "s"}})
    );
}

#[test]
fn untagged_enum_output() {
    assert_eq!(
        to_camel(&Loose::Full {
            first_seen: 1,
            last_seen: 2
        }),
        json!({"firstSeen": 1, "lastSeen": 2})
    );
    assert_eq!(to_camel(&Loose::Bare(3)), json!(3));
}

#[test]
fn renamed_fields_and_digits() {
    #[derive(Serialize)]
    struct R {
        #[serde(rename = "type_code")]
        kind: u8,
        #[serde(rename = "userID")]
        user: u8,
        top_3: u8,
        p50_ms: u8,
    }
    assert_eq!(
        to_camel(&R {
            kind: 1,
            user: 2,
            top_3: 3,
            p50_ms: 4
        }),
        json!({"typeCode": 1, "userID": 2, "top_3": 3, "p50Ms": 4})
    );
}

#[test]
fn skipped_fields_in_struct_variant() {
    #[derive(Serialize)]
    enum E {
        V {
            keep_me: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            drop_me: Option<u8>,
        },
    }
    assert_eq!(
        to_camel(&E::V {
            keep_me: 1,
            drop_me: None
        }),
        json!({"V": {"keepMe": 1}})
    );
    assert_eq!(
        to_camel(&E::V {
            keep_me: 1,
            drop_me: Some(2)
        }),
        json!({"V": {"keepMe": 1, "dropMe": 2}})
    );
}

#[test]
fn newtype_and_tuple_structs() {
    #[derive(Serialize)]
    struct Wrapper(Segment);
    #[derive(Serialize)]
    struct Two(Segment, u8);
    let s = Segment {
        segment_name: "w".into(),
        member_count: 1,
    };
    assert_eq!(
        to_camel(&Wrapper(s.clone())),
        json!({"segmentName": "w", "memberCount": 1})
    );
    assert_eq!(
        to_camel(&Two(s, 9)),
        json!([{"segmentName": "w", "memberCount": 1}, 9])
    );
}

#[test]
fn raw_value_passes_through() {
    #[derive(Serialize)]
    struct WithRaw {
        raw_json: Box<serde_json::value::RawValue>,
    }
    let raw = serde_json::value::RawValue::from_string(r#"{"snake_key":1}"#.into()).unwrap();
    let w = WithRaw { raw_json: raw };
    assert_eq!(
        serde_json::to_string(&CamelCase(&w)).unwrap(),
        r#"{"rawJson":{"snake_key":1}}"#
    );
    assert_eq!(to_camel(&w), json!({"rawJson": {"snake_key": 1}}));
}

#[test]
fn scalars_and_strings_untouched() {
    assert_eq!(to_camel(&"snake_value"), json!("snake_value"));
    assert_eq!(
        to_camel(&(1u128, -2i64, 'c', true, ())),
        json!([1, -2, "c", true, null])
    );
    assert_eq!(to_camel(&Some("a_b")), json!("a_b"));
}

// ------------------------------------------------------------ input

#[test]
fn reads_camel_input() {
    let v = json!({
        "steps": [{"kind": "page_view"}, {"kind": "add_to_cart", "withinSeconds": 600, "optional": true}],
        "mode": "page_view",
        "maxGapDays": 3
    });
    assert_eq!(from_value::<FunnelOpts>(v).unwrap(), opts());
}

#[test]
fn defaults_and_options() {
    let got: FunnelOpts = from_value(json!({"steps": [], "mode": "strict"})).unwrap();
    assert_eq!(
        got,
        FunnelOpts {
            steps: vec![],
            mode: Mode::Strict,
            max_gap_days: None
        }
    );
    let got: FunnelOpts =
        from_value(json!({"steps": [], "mode": "strict", "maxGapDays": null})).unwrap();
    assert_eq!(got.max_gap_days, None);
}

#[test]
fn snake_spelling_is_refused() {
    let err = from_value::<FunnelOpts>(json!({"steps": [], "mode": "strict", "max_gap_days": 1}))
        .unwrap_err();
    assert_eq!(
        err,
        "unknown field `max_gap_days` (keys are camelCase: `maxGapDays`)"
    );
    // Also where the struct would ignore unknown keys.
    let mut v = to_camel(&customer());
    v["customer_id"] = json!("c2");
    assert!(from_value::<Customer>(v)
        .unwrap_err()
        .contains("keys are camelCase: `customerId`"));
}

#[test]
fn unknown_key_named_as_written() {
    let err = from_value::<Step>(json!({"kind": "k", "withinSecond": 1})).unwrap_err();
    assert_eq!(
        err,
        "unknown field `withinSecond`, expected one of `kind`, `withinSeconds`, `optional`"
    );
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct One {
        #[allow(dead_code)]
        only_one: u8,
    }
    let err = from_value::<One>(json!({"onlyOne": 1, "x": 2})).unwrap_err();
    assert_eq!(err, "unknown field `x`, expected `onlyOne`");
}

#[test]
fn unknown_key_ignored_without_deny() {
    let mut v = to_camel(&customer());
    v["extraThing"] = json!({"any_thing": 1});
    assert_eq!(from_value::<Customer>(v).unwrap(), customer());
}

#[test]
fn wrong_case_variants_are_unknown() {
    // Only the exact camel spelling is accepted.
    for key in ["customerID", "customer_Id", "CustomerId"] {
        let mut v = to_camel(&customer());
        let id = v.as_object_mut().unwrap().remove("customerId").unwrap();
        v[key] = id;
        assert_eq!(
            from_value::<Customer>(v).unwrap_err(),
            "missing field `customerId`",
            "{key}"
        );
    }
}

#[test]
fn missing_field_error_names_field() {
    // serde names the snake field; the adapter re-words it.
    let err = from_value::<Segment>(json!({"segmentName": "s"})).unwrap_err();
    assert_eq!(err, "missing field `memberCount`");
    let mut de = serde_json::Deserializer::from_str(r#"{"memberCount": 1}"#);
    let err = from_camel_case::<Segment, _>(&mut de)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "missing field `segmentName` at line 1 column 18");
    let err = from_value::<Event>(json!({"Purchase": {"orderId": "o"}})).unwrap_err();
    assert_eq!(err, "missing field `totalCents`");
    // Single-word names and non-field messages are left as they are.
    assert_eq!(
        from_value::<Step>(json!({})).unwrap_err(),
        "missing field `kind`"
    );
    // An error type that writes a prefix of its own before serde's words.
    let err = from_camel_case::<Segment, _>(Prefixed(vec![("segmentName", "s")]))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "InvalidArg, missing field `memberCount`");
}

/// A map of strings whose errors read `InvalidArg, <message>` (as napi's do), raised by
/// the struct's own visitor through the map's error type.
struct Prefixed(Vec<(&'static str, &'static str)>);

#[derive(Debug)]
struct PrefixedError(String);

impl std::fmt::Display for PrefixedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InvalidArg, {}", self.0)
    }
}

impl std::error::Error for PrefixedError {}

impl de::Error for PrefixedError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        PrefixedError(msg.to_string())
    }
}

impl<'de> Deserializer<'de> for Prefixed {
    type Error = PrefixedError;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, PrefixedError> {
        v.visit_map(de::value::MapDeserializer::new(self.0.into_iter()))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[test]
fn map_keys_untouched_values_converted() {
    let v = json!({"at_risk": {"segmentName": "a", "memberCount": 1}, "newCustomers": {"segmentName": "b", "memberCount": 2}});
    let got: BTreeMap<String, Segment> = from_value(v).unwrap();
    assert_eq!(got.keys().collect::<Vec<_>>(), ["at_risk", "newCustomers"]);
    assert_eq!(got["at_risk"].member_count, 1);
    let c = customer();
    assert_eq!(from_value::<Customer>(to_camel(&c)).unwrap(), c);
}

#[test]
fn value_fields_keep_keys() {
    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct Props {
        event_props: Value,
        counts: HashMap<String, u32>,
    }
    let v = json!({"eventProps": {"page_url": "u", "camelKey": 1}, "counts": {"in_store": 1}});
    let got: Props = from_value(v.clone()).unwrap();
    assert_eq!(got.event_props, json!({"page_url": "u", "camelKey": 1}));
    assert_eq!(got.counts["in_store"], 1);
    assert_eq!(to_camel(&got), v);
}

#[test]
fn renamed_and_aliased_fields() {
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct R {
        #[serde(rename = "type_code")]
        kind: u8,
        #[serde(rename = "userID")]
        user: u8,
        #[serde(alias = "old_name")]
        new_name: u8,
        top_3: u8,
    }
    let got: R = from_value(json!({"typeCode": 1, "userID": 2, "oldName": 3, "top_3": 4})).unwrap();
    assert_eq!(
        got,
        R {
            kind: 1,
            user: 2,
            new_name: 3,
            top_3: 4
        }
    );
    let err =
        from_value::<R>(json!({"typeCode": 1, "userID": 2, "newName": 3, "top3": 4})).unwrap_err();
    assert_eq!(
        err,
        "unknown field `top3`, expected one of `typeCode`, `userID`, `newName`, `oldName`, `top_3`"
    );
}

#[test]
fn externally_tagged_input() {
    assert_eq!(
        from_value::<Event>(json!("PageView")).unwrap(),
        Event::PageView
    );
    let e = Event::Purchase {
        order_id: "o".into(),
        total_cents: 5,
    };
    assert_eq!(
        from_value::<Event>(json!({"Purchase": {"orderId": "o", "totalCents": 5}})).unwrap(),
        e
    );
    let err =
        from_value::<Event>(json!({"Purchase": {"order_id": "o", "totalCents": 5}})).unwrap_err();
    assert!(
        err.starts_with("unknown field `order_id` (keys are camelCase: `orderId`)"),
        "{err}"
    );
    let seg = Segment {
        segment_name: "n".into(),
        member_count: 1,
    };
    for e in [Event::Custom(seg.clone()), Event::Pair(2, seg)] {
        assert_eq!(from_value::<Event>(to_camel(&e)).unwrap(), e);
    }
    assert!(
        from_value::<Mode>(json!("pageView")).is_err(),
        "variant names are not converted"
    );
}

#[test]
fn internally_tagged_input_top_level_converted() {
    let p = Problem::MissingColumn {
        column_name: "c".into(),
    };
    assert_eq!(
        from_value::<Problem>(json!({"code": "MissingColumn", "columnName": "c"})).unwrap(),
        p
    );
    // Blind conversion cannot refuse snake keys: they pass as written.
    assert_eq!(
        from_value::<Problem>(json!({"code": "MissingColumn", "column_name": "c"})).unwrap(),
        p
    );
    // Deeper levels are buffered by serde and not converted (limitation).
    #[derive(Deserialize, Debug)]
    #[serde(tag = "code")]
    enum Deep {
        #[allow(dead_code)]
        V { inner_seg: Segment },
    }
    let nested = json!({"code": "V", "innerSeg": {"segmentName": "s", "memberCount": 1}});
    let err = from_value::<Deep>(nested).unwrap_err();
    assert!(err.starts_with("unknown field `"), "{err}");
    assert!(
        err.ends_with("expected `segment_name` or `member_count`"),
        "{err}"
    );
    let nested = json!({"code": "V", "innerSeg": {"segment_name": "s", "member_count": 1}});
    assert!(matches!(from_value::<Deep>(nested), Ok(Deep::V { .. })));
}

#[test]
fn adjacently_tagged_input() {
    let a = Adjacent::Stage {
        stage_name: "s".into(),
    };
    assert_eq!(from_value::<Adjacent>(to_camel(&a)).unwrap(), a);
}

#[test]
fn untagged_input_not_converted_limitation() {
    let got: Loose = from_value(json!({"first_seen": 1, "last_seen": 2})).unwrap();
    assert_eq!(
        got,
        Loose::Full {
            first_seen: 1,
            last_seen: 2
        }
    );
    assert!(from_value::<Loose>(json!({"firstSeen": 1, "lastSeen": 2})).is_err());
    assert_eq!(from_value::<Loose>(json!(3)).unwrap(), Loose::Bare(3));
}

#[test]
fn flatten_input_heuristic_guard() {
    // serde must keep reading flatten structs with deserialize_map and a
    // visitor expecting "struct ...".
    let o = Outer {
        report_id: 1,
        inner: Flat {
            total_revenue: 10,
            churn_rate: 0.5,
        },
    };
    assert_eq!(from_value::<Outer>(to_camel(&o)).unwrap(), o);
    let text = serde_json::to_string(&CamelCase(&o)).unwrap();
    let got: Outer = from_camel_case(&mut serde_json::Deserializer::from_str(&text)).unwrap();
    assert_eq!(got, o);
}

#[test]
fn text_deserializer_and_borrowing() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Borrowed<'a> {
        channel_name: &'a str,
        #[serde(borrow)]
        by_kind: BTreeMap<&'a str, u8>,
    }
    let text = r#"{"channelName": "in_store", "byKind": {"add_to_cart": 1}}"#;
    let mut de = serde_json::Deserializer::from_str(text);
    let got: Borrowed = from_camel_case(&mut de).unwrap();
    assert_eq!(
        got,
        Borrowed {
            channel_name: "in_store",
            by_kind: BTreeMap::from([("add_to_cart", 1)])
        }
    );
    let mut de = serde_json::Deserializer::from_str(r#"{"kind": "k", "within_seconds": 1}"#);
    let err = from_camel_case::<Step, _>(&mut de).unwrap_err().to_string();
    assert!(
        err.starts_with("unknown field `within_seconds` (keys are camelCase: `withinSeconds`)"),
        "{err}"
    );
}

#[test]
fn struct_from_array_form() {
    let got: Segment = from_value(json!(["s", 3])).unwrap();
    assert_eq!(
        got,
        Segment {
            segment_name: "s".into(),
            member_count: 3
        }
    );
}

#[test]
fn non_string_map_keys() {
    let got: BTreeMap<u32, Segment> =
        from_value(json!({"7": {"segmentName": "s", "memberCount": 1}})).unwrap();
    assert_eq!(got[&7].segment_name, "s");
}

#[test]
fn round_trips() {
    let c = customer();
    assert_eq!(from_value::<Customer>(to_camel(&c)).unwrap(), c);
    let o = opts();
    assert_eq!(from_value::<FunnelOpts>(to_camel(&o)).unwrap(), o);
    let e = Event::Purchase {
        order_id: "o_1".into(),
        total_cents: 1,
    };
    assert_eq!(from_value::<Event>(to_camel(&e)).unwrap(), e);
    let p = Problem::TooFew { min_rows: 3 };
    assert_eq!(from_value::<Problem>(to_camel(&p)).unwrap(), p);
}

// ------------------------------------------------------------ path_to_error

fn with_path<T: for<'de> Deserialize<'de>>(v: Value) -> (String, String) {
    let mut track = serde_path_to_error::Track::new();
    let de = serde_path_to_error::Deserializer::new(v, &mut track);
    let r: Result<T, _> = from_camel_case(de);
    let err = r.err().expect("should fail").to_string();
    (track.path().to_string(), err)
}

#[test]
fn path_names_camel_keys_on_bad_value() {
    let v =
        json!({"steps": [{"kind": "a"}, {"kind": "b", "withinSeconds": "soon"}], "mode": "strict"});
    let (path, err) = with_path::<FunnelOpts>(v);
    assert_eq!(path, "steps[1].withinSeconds");
    assert!(err.contains("invalid type: string \"soon\""), "{err}");
}

#[test]
fn path_on_unknown_and_snake_keys() {
    let v = json!({"steps": [{"kind": "a", "withinSecond": 1}], "mode": "strict"});
    let (path, err) = with_path::<FunnelOpts>(v);
    assert_eq!(path, "steps[0].withinSecond");
    assert_eq!(
        err,
        "unknown field `withinSecond`, expected one of `kind`, `withinSeconds`, `optional`"
    );
    let v = json!({"steps": [], "mode": "strict", "max_gap_days": 1});
    let (path, _) = with_path::<FunnelOpts>(v);
    assert_eq!(path, "max_gap_days");
}

#[test]
fn path_through_maps_and_enums() {
    let v = json!({"at_risk": {"segmentName": "a", "memberCount": -1}});
    let (path, _) = with_path::<BTreeMap<String, Segment>>(v);
    assert_eq!(path, "at_risk.memberCount");
    let v = json!({"Purchase": {"orderId": "o", "totalCents": "x"}});
    let (path, _) = with_path::<Event>(v);
    assert_eq!(path, "Purchase.totalCents");
}

// ------------------------------------------------------------ more enum shapes

#[test]
fn internally_tagged_multiword_tag_and_newtype_variant() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(tag = "error_kind")]
    enum Tagged {
        Wrapped(Segment),
        Unit,
    }
    let t = Tagged::Wrapped(Segment {
        segment_name: "s".into(),
        member_count: 1,
    });
    let v = to_camel(&t);
    assert_eq!(
        v,
        json!({"errorKind": "Wrapped", "segmentName": "s", "memberCount": 1})
    );
    assert_eq!(from_value::<Tagged>(v).unwrap(), t);
    assert_eq!(
        from_value::<Tagged>(json!({"errorKind": "Unit"})).unwrap(),
        Tagged::Unit
    );
}

#[test]
fn unsized_collect_map_keys_are_converted_known_limitation() {
    // A hand-written map with an inexact size_hint looks like flatten.
    struct Filtered(BTreeMap<String, u8>);
    impl Serialize for Filtered {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().filter(|(_, v)| **v > 0))
        }
    }
    let f = Filtered(BTreeMap::from([
        ("in_store".into(), 1),
        ("web_app".into(), 0),
    ]));
    assert_eq!(to_camel(&f), json!({"inStore": 1}));
}

// ------------------------------------------------------------ by-name lookup

/// Mimics serde_wasm_bindgen 0.6's `deserialize_struct`: it never lists the
/// object's keys, it looks up each name of `fields` (and hands that name on).
struct LookupByName(Value);

impl<'de> Deserializer<'de> for LookupByName {
    type Error = serde_json::Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(map) => v.visit_map(de::value::MapDeserializer::new(
                map.into_iter().map(|(k, x)| (k, LookupByName(x))),
            )),
            Value::Array(a) => v.visit_seq(de::value::SeqDeserializer::new(
                a.into_iter().map(LookupByName),
            )),
            other => other.deserialize_any(v),
        }
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => v.visit_none(),
            other => v.visit_some(LookupByName(other)),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        let Value::Object(mut map) = self.0 else {
            panic!("object expected")
        };
        let found: Vec<_> = fields
            .iter()
            .filter_map(|f| Some((*f, LookupByName(map.remove(*f)?))))
            .collect();
        v.visit_map(de::value::MapDeserializer::new(found.into_iter()))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, v)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for LookupByName {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

#[test]
fn by_name_lookup_formats_get_camel_field_names() {
    let v = json!({
        "steps": [{"kind": "page_view"}, {"kind": "add_to_cart", "withinSeconds": 600, "optional": true}],
        "mode": "page_view",
        "maxGapDays": 3
    });
    let got: FunnelOpts = from_camel_case(LookupByName(v)).unwrap();
    assert_eq!(got, opts());
    // Such formats never see unlisted keys: snake keys are simply not found.
    let got: FunnelOpts = from_camel_case(LookupByName(
        json!({"steps": [], "mode": "strict", "max_gap_days": 3}),
    ))
    .unwrap();
    assert_eq!(got.max_gap_days, None);
    let c = customer();
    assert_eq!(
        from_camel_case::<Customer, _>(LookupByName(to_camel(&c))).unwrap(),
        c
    );
}

/// `T` (a customer's age in the purchase histories) is spelled `T` in every language: the
/// camel form keeps it (`camel_to_snake` alone would make it `_t`), reads it back, and an
/// error naming it names `T`.
#[test]
fn the_purchase_histories_key_t_is_kept_both_ways() {
    use crate::{HoldoutPurchases, PurchaseHistories};
    let h = PurchaseHistories {
        customer_id: vec!["a".into()],
        frequency: vec![1.0],
        recency: vec![2.0],
        t: vec![5.0],
        monetary_value: vec![10.0],
        holdout: Some(HoldoutPurchases {
            frequency: vec![1.0],
            monetary_value: vec![3.0],
            duration: 4.0,
        }),
        ..Default::default()
    };
    let camel = to_camel(&h);
    assert_eq!(camel["T"], json!([5.0]));
    assert!(camel.get("_t").is_none() && camel.get("t").is_none());
    assert_eq!(camel["holdout"]["monetaryValue"], json!([3.0]));
    let back: PurchaseHistories = crate::value_from_camel_json(camel, "histories").unwrap();
    assert_eq!(back, h);
    // The lower-case spelling is not the field.
    let lower =
        json!({"customerId": [], "frequency": [], "recency": [], "t": [], "monetaryValue": []});
    assert!(crate::value_from_camel_json::<PurchaseHistories>(lower, "histories").is_err());
    assert_eq!(camel_path(&h, "T"), "T");
    assert_eq!(
        camel_path(&h, "holdout.monetary_value"),
        "holdout.monetaryValue"
    );
    assert_eq!(snake_to_camel("T"), "T");
}
