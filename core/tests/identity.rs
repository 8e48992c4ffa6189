//! Identity rules (docs/guide-identity.md): ties, aliases, groups, conflicts and order
//! independence, through the Segment, records, CSV and columns readers.

use serde_json::{json, Value};
use touchpoint::ingest::{
    read_columns, read_csv, read_records, read_segment, EventColumns, Mode, TimeColumn,
};
use touchpoint::{cx_report, funnel, Dataset, FunnelOptions, Stage, StageMap};

/// Customer id → (its events' kinds in time order, its traits).
fn customers(d: &Dataset) -> Vec<(String, Vec<String>, Value)> {
    d.customers()
        .map(|c| {
            let kinds = c
                .kind
                .iter()
                .map(|&k| d.kind_name(k).as_str().to_string())
                .collect();
            (
                c.id.to_string(),
                kinds,
                Value::Object(d.traits(c.index).clone()),
            )
        })
        .collect()
}

fn ndjson(calls: &[Value]) -> String {
    calls.iter().map(|c| c.to_string() + "\n").collect()
}

/// A visitor browses anonymously, signs in (identify), buys, and is later aliased to a
/// CRM id; a group call attaches the account.
fn journey() -> Vec<Value> {
    vec![
        json!({"type": "track", "anonymousId": "anon-7", "event": "Ad Impression", "timestamp": "2026-03-01T08:00:00Z", "properties": {"channel": "social"}}),
        json!({"type": "page", "anonymousId": "anon-7", "timestamp": "2026-03-01T09:00:00Z", "context": {"channel": "web"}}),
        json!({"type": "track", "anonymousId": "anon-7", "event": "Product Added", "timestamp": "2026-03-01T09:05:00Z", "properties": {"channel": "web"}}),
        json!({"type": "identify", "anonymousId": "anon-7", "userId": "u-1", "timestamp": "2026-03-01T09:10:00Z", "traits": {"plan": "free"}}),
        json!({"type": "track", "userId": "u-1", "event": "Order Completed", "timestamp": "2026-03-01T09:12:00Z", "properties": {"channel": "web", "revenue": 30}}),
        json!({"type": "group", "userId": "u-1", "groupId": "acme", "timestamp": "2026-03-02T09:00:00Z", "traits": {"name": "Acme", "tier": "gold"}}),
        json!({"type": "alias", "previousId": "u-1", "userId": "crm-42", "timestamp": "2026-03-03T09:00:00Z"}),
        json!({"type": "identify", "userId": "crm-42", "timestamp": "2026-03-04T09:00:00Z", "traits": {"plan": "pro"}}),
        json!({"type": "page", "anonymousId": "anon-8", "timestamp": "2026-03-02T08:00:00Z", "context": {"channel": "web"}}),
    ]
}

#[test]
fn an_anonymous_journey_becomes_the_customers_discover_and_shop() {
    let read = read_segment(&ndjson(&journey()), Mode::Strict).unwrap();
    assert!(read.rejected.is_empty());
    let got = customers(&read.dataset);
    assert_eq!(got.len(), 2, "{got:?}");
    let (id, kinds, traits) = &got[0];
    assert_eq!(id, "crm-42");
    assert_eq!(
        kinds,
        &["impression", "page_view", "add_to_cart", "purchase"]
    );
    assert_eq!(
        traits,
        &json!({"plan": "pro", "account_id": "acme", "account": {"id": "acme", "name": "Acme", "tier": "gold"}})
    );
    assert_eq!(got[1].0, "anon-8");

    let report = cx_report(&read.dataset, &StageMap::default());
    let count = |s: Stage| report.stage_distribution[s.index()].customers;
    // crm-42 reached buy (its discover and shop were anonymous); anon-8 only browsed.
    assert_eq!((count(Stage::Shop), count(Stage::Buy)), (1, 1));
    assert_eq!(read.dataset.customer(0).len(), 4);

    let options: FunnelOptions = serde_json::from_value(
        json!({"steps": ["impression", "page_view", "add_to_cart", "purchase"]}),
    )
    .unwrap();
    let f = funnel(&read.dataset, &options).unwrap();
    let entered: Vec<u64> = f.steps.iter().map(|s| s.customers).collect();
    assert_eq!(entered, vec![1, 1, 1, 1]);
}

#[test]
fn the_order_of_the_calls_does_not_matter() {
    let calls = journey();
    let want = customers(&read_segment(&ndjson(&calls), Mode::Strict).unwrap().dataset);
    // Every rotation, and the reverse: the ties may come after the anonymous events.
    let mut orders: Vec<Vec<Value>> = (0..calls.len())
        .map(|k| calls[k..].iter().chain(&calls[..k]).cloned().collect())
        .collect();
    orders.push(calls.iter().rev().cloned().collect());
    for order in orders {
        let got = customers(&read_segment(&ndjson(&order), Mode::Strict).unwrap().dataset);
        let mut got_sorted = got.clone();
        got_sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want_sorted = want.clone();
        want_sorted.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got_sorted, want_sorted, "order {order:?}");
    }
}

#[test]
fn a_second_user_on_one_device_is_refused_and_named_whatever_the_order() {
    let calls = vec![
        json!({"type": "page", "anonymousId": "device", "timestamp": "2026-03-01T09:00:00Z", "context": {"channel": "web"}}),
        json!({"type": "identify", "anonymousId": "device", "userId": "ana", "timestamp": "2026-03-01T10:00:00Z"}),
        json!({"type": "track", "anonymousId": "device", "userId": "ben", "event": "Order Completed", "timestamp": "2026-03-02T10:00:00Z", "properties": {"channel": "web"}}),
    ];
    for order in [calls.clone(), calls.iter().rev().cloned().collect()] {
        let read = read_segment(&ndjson(&order), Mode::Lenient).unwrap();
        let got = customers(&read.dataset);
        let ana = got.iter().find(|c| c.0 == "ana").unwrap();
        let ben = got.iter().find(|c| c.0 == "ben").unwrap();
        assert_eq!(ana.1, ["page_view"], "the earlier tie wins");
        assert_eq!(ben.1, ["purchase"], "the event stays with its user");
        assert_eq!(read.rejected.len(), 1);
        let e = &read.rejected[0];
        let ben_line = if order[2]["userId"] == "ben" { 3 } else { 1 };
        assert_eq!(e.record().unwrap().to_string(), format!("line {ben_line}"));
        assert_eq!(e.field(), Some("anonymousId"));
        assert!(e.to_string().contains("already tied to `ana`"), "{e}");
        // Strict: the conflict is the error.
        let err = read_segment(&ndjson(&order), Mode::Strict).unwrap_err();
        assert_eq!(err, *e);
    }
}

#[test]
fn two_users_merge_by_alias_only() {
    let calls = vec![
        json!({"type": "track", "userId": "ana", "event": "Email Opened", "timestamp": "2026-03-01T09:00:00Z", "properties": {"channel": "email"}}),
        json!({"type": "track", "userId": "ana-2", "anonymousId": "ana", "event": "Email Opened", "timestamp": "2026-03-02T09:00:00Z", "properties": {"channel": "email"}}),
    ];
    let read = read_segment(&ndjson(&calls), Mode::Lenient).unwrap();
    assert_eq!(read.dataset.customer_count(), 2);
    assert!(read.rejected[0]
        .to_string()
        .contains("merged only by an alias"));
    let mut with_alias = calls;
    with_alias.push(json!({"type": "alias", "previousId": "ana", "userId": "ana-2"}));
    let read = read_segment(&ndjson(&with_alias), Mode::Lenient).unwrap();
    assert_eq!(customers(&read.dataset)[0].0, "ana-2");
    assert_eq!(read.dataset.customer_count(), 1);
}

#[test]
fn bad_identity_calls_name_the_field() {
    let calls = [
        json!({"type": "alias", "userId": "a"}),
        json!({"type": "group", "userId": "a"}),
        json!({"type": "alias", "previousId": 1.5, "userId": "a"}),
        json!({"type": "identify", "userId": 7, "anonymousId": 1e300}),
    ];
    let read = read_segment(&ndjson(&calls), Mode::Lenient).unwrap();
    let fields: Vec<_> = read
        .rejected
        .iter()
        .map(|e| e.field().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        ["previousId", "groupId", "previousId", "anonymousId"]
    );
    assert!(read.rejected[3].to_string().contains("2^53"));
    // Nothing of the refused calls remains, not even an id.
    assert_eq!(read.dataset.customer_count(), 0);
}

#[test]
fn records_csv_and_columns_tie_anonymous_ids_like_segment() {
    let records = vec![
        json!({"anonymous_id": "anon-7", "timestamp": "2026-03-01T09:00:00Z", "channel": "web", "kind": "page_view"}),
        json!({"customer_id": 42, "anonymous_id": "anon-7", "timestamp": "2026-03-01T09:12:00Z", "channel": "web", "kind": "purchase", "traits": {"plan": "pro"}}),
    ];
    let from_records = read_records(records, Mode::Strict).unwrap().dataset;
    let csv = "customer_id,anonymous_id,timestamp,channel,kind,traits.plan\n,anon-7,2026-03-01T09:00:00Z,web,page_view,\n42,anon-7,2026-03-01T09:12:00Z,web,purchase,pro\n";
    let from_csv = read_csv(csv, Mode::Strict).unwrap().dataset;
    let ids = [None, Some("42")];
    let anonymous = ["anon-7", "anon-7"];
    let ts = [1_772_355_600_000, 1_772_356_320_000];
    let (channels, kinds) = (["web", "web"], ["page_view", "purchase"]);
    let plan = vec![Value::Null, json!("pro")];
    let traits = [touchpoint::ingest::TraitColumn {
        name: "plan",
        column: "plan",
        values: &plan,
    }];
    let mut cols = EventColumns::new(&ids, TimeColumn::millis(&ts), &channels, &kinds);
    cols.anonymous_id = Some(&anonymous);
    cols.traits = &traits;
    let from_columns = read_columns(&cols, Mode::Strict).unwrap().dataset;
    let want = vec![(
        "42".to_string(),
        vec!["page_view".to_string(), "purchase".to_string()],
        json!({"plan": "pro"}),
    )];
    assert_eq!(customers(&from_records), want);
    assert_eq!(customers(&from_csv), want);
    assert_eq!(customers(&from_columns), want);
}
