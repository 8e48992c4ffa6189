//! Purchase histories (core: `core/src/value/history/`): `ds.purchaseHistories(options)`
//! from a dataset's purchase events and its `…Async` form (from transaction columns:
//! `transactions.rs`); [`histories_arg`], the `histories` argument of every model (a
//! `PurchaseHistories` object, or plain columns); [`histories_to_js`], the histories as
//! `Float64Array` columns.

use super::{carried, column, invalid_record, number_arg, thrown};
use crate::dataset::Dataset;
use crate::error::{arg, arg_error, describe, guard};
use crate::task::{Job, Pending};
use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, JsValue, Object, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;
use std::collections::BTreeMap;
use touchpoint::camel_case::snake_to_camel;
use touchpoint::{
    HoldoutPurchases, PurchaseHistories, PurchaseHistoryOptions, RecordRef, TimeUnit,
};

/// What a model reads of the histories, beyond `frequency`: missing columns it needs are
/// `INVALID_ARGUMENT` naming them; columns it does not need may be left out (zeros).
#[derive(Clone, Copy)]
pub(crate) struct Needs {
    /// `recency` and `T` (every purchase model).
    pub(crate) ages: bool,
    /// `monetaryValue` (the spend model, lifetime value).
    pub(crate) spend: bool,
}

/// The fields of a `histories` object.
const FIELDS: [&str; 9] = [
    "unit",
    "unitMultiplier",
    "includeFirstPurchase",
    "customerId",
    "frequency",
    "recency",
    "T",
    "monetaryValue",
    "holdout",
];

/// `v`, or `None` when it is `undefined` or `null`.
fn present(v: Unknown<'_>) -> napi::Result<Option<Unknown<'_>>> {
    Ok((!matches!(v.get_type()?, ValueType::Undefined | ValueType::Null)).then_some(v))
}

/// An object argument (not an array or typed array), or `INVALID_ARGUMENT` naming `name`.
pub(super) fn object_arg<'e>(
    env: &Env,
    v: Unknown<'e>,
    name: &str,
    what: &str,
) -> napi::Result<Object<'e>> {
    if v.get_type()? != ValueType::Object || v.is_array()? || v.is_typedarray()? {
        let got = describe(v)?;
        return Err(arg_error(env, name, &format!("expected {what}, got {got}")));
    }
    Object::from_unknown(v)
}

/// The properties of `object` by name; a key not in `fields` is `INVALID_ARGUMENT`
/// naming it (a misspelt column would otherwise be ignored without a word).
pub(super) fn properties<'e>(
    env: &Env,
    object: &Object<'e>,
    arg: &str,
    fields: &[&str],
) -> napi::Result<BTreeMap<String, Unknown<'e>>> {
    let mut out = BTreeMap::new();
    for key in Object::keys(object)? {
        if !fields.contains(&key.as_str()) {
            let hint = match snake_to_camel(&key) {
                spelled if fields.contains(&spelled.as_ref()) && spelled != key => {
                    format!(" (keys are camelCase: `{spelled}`)")
                }
                _ if key.eq_ignore_ascii_case("t") => " (the customer's age is `T`)".to_string(),
                _ => format!(" (its fields: {})", fields.join(", ")),
            };
            let message = format!("argument `{arg}`: `{key}` is not one of its fields{hint}");
            return Err(crate::error::binding_error(
                env,
                "INVALID_ARGUMENT",
                message,
                Some(&key),
            ));
        }
        let v: Unknown<'e> = object.get_named_property(&key)?;
        if let Some(v) = present(v)? {
            out.insert(key, v);
        }
    }
    Ok(out)
}

/// A numeric column (`field`: its name as the errors give it) of argument `arg`.
pub(super) fn numbers(env: &Env, v: Unknown<'_>, arg: &str, field: &str) -> napi::Result<Vec<f64>> {
    let what = format!("argument `{arg}`, column `{field}`");
    crate::js::numbers(env, v, field, (&what, field), RecordRef::Record)
}

/// `INVALID_ARGUMENT` naming `field`: a column of another length than `frequency`.
fn length_error(env: &Env, arg: &str, field: &str, len: usize, n: usize) -> napi::Error {
    let message = format!(
        "argument `{arg}`: column `{field}` has {len} entries but `frequency` has {n}: one entry per customer"
    );
    crate::error::binding_error(env, "INVALID_ARGUMENT", message, Some(field))
}

/// The `histories` argument of the models: a `PurchaseHistories` object (as
/// `purchaseHistories` returns it) or plain columns `{ customerId?, frequency, recency?, T?,
/// monetaryValue?, unit?, unitMultiplier?, includeFirstPurchase?, holdout? }`, each column a
/// typed array or an array of numbers. Missing ids are the row numbers (`"1"`, `"2"`, …);
/// missing columns the model does not read ([`Needs`]) are zeros. The columns are copied
/// once; the values are checked by the core (errors name the customer's row and the field).
pub(crate) fn histories_arg(
    env: &Env,
    value: Unknown<'_>,
    needs: Needs,
) -> napi::Result<PurchaseHistories> {
    const ARG: &str = "histories";
    let object = object_arg(
        env,
        value,
        ARG,
        "purchase histories {frequency, recency, T, ...}",
    )?;
    let mut fields = properties(env, &object, ARG, &FIELDS)?;
    let missing = |field: &str, why: &str| {
        let message = format!("argument `{ARG}`: column `{field}` is missing ({why})");
        crate::error::binding_error(env, "INVALID_ARGUMENT", message, Some(field))
    };
    let frequency = match fields.remove("frequency") {
        Some(v) => numbers(env, v, ARG, "frequency")?,
        None => return Err(missing("frequency", "every model reads it")),
    };
    let n = frequency.len();
    let mut column = |field: &str, needed: Option<&str>| -> napi::Result<Vec<f64>> {
        let values = match (fields.remove(field), needed) {
            (Some(v), _) => numbers(env, v, ARG, field)?,
            (None, Some(why)) => return Err(missing(field, why)),
            (None, None) => return Ok(vec![0.0; n]),
        };
        if values.len() != n {
            return Err(length_error(env, ARG, field, values.len(), n));
        }
        Ok(values)
    };
    let ages = needs
        .ages
        .then_some("the purchase models read frequency, recency and T");
    let recency = column("recency", ages)?;
    let t = column("T", ages)?;
    let spend = needs
        .spend
        .then_some("the spend model reads frequency and monetaryValue");
    let monetary_value = column("monetaryValue", spend)?;
    let customer_id = match fields.remove("customerId") {
        Some(v) => customer_ids(env, v, n)?,
        None => (1..=n).map(|i| i.to_string()).collect(),
    };
    let mut h = PurchaseHistories {
        customer_id,
        frequency,
        recency,
        t,
        monetary_value,
        ..Default::default()
    };
    if let Some(v) = fields.remove("unit") {
        h.unit = arg::<TimeUnit>(env, v, "unit")?;
    }
    if let Some(v) = fields.remove("unitMultiplier") {
        h.unit_multiplier = arg::<u32>(env, v, "unitMultiplier")?;
    }
    if let Some(v) = fields.remove("includeFirstPurchase") {
        h.include_first_purchase = arg::<bool>(env, v, "includeFirstPurchase")?;
    }
    if let Some(v) = fields.remove("holdout") {
        h.holdout = Some(holdout(env, v, n)?);
    }
    Ok(h)
}

/// The `customerId` column of the histories: one id per customer, checked as the readers
/// check ids (`INVALID_RECORD` naming the row and `customerId`).
fn customer_ids(env: &Env, v: Unknown<'_>, n: usize) -> napi::Result<Vec<String>> {
    let ids = crate::ingest::columns::ids(env, "customerId", v)?;
    if ids.cells.len() != n {
        return Err(length_error(
            env,
            "histories",
            "customerId",
            ids.cells.len(),
            n,
        ));
    }
    let bad: BTreeMap<usize, String> = ids.bad.into_iter().collect();
    let mut out = Vec::with_capacity(n);
    for (i, id) in ids.cells.into_iter().enumerate() {
        let record = RecordRef::Record(i as u64 + 1);
        let checked = match (id, bad.get(&i)) {
            (_, Some(why)) => Err(invalid_record(i, "customerId", why.clone())),
            (None, None) => Err(invalid_record(i, "customerId", "is missing")),
            (Some(id), None) => {
                touchpoint::limits::check_id(&id, record, "customerId").map(|()| id)
            }
        };
        out.push(thrown(env, checked)?);
    }
    Ok(out)
}

/// The `holdout` of the histories: `{ frequency, monetaryValue, duration }`.
fn holdout(env: &Env, v: Unknown<'_>, n: usize) -> napi::Result<HoldoutPurchases> {
    const ARG: &str = "holdout";
    const FIELDS: [&str; 3] = ["frequency", "monetaryValue", "duration"];
    let object = object_arg(
        env,
        v,
        ARG,
        "the holdout {frequency, monetaryValue, duration}",
    )?;
    let mut fields = properties(env, &object, ARG, &FIELDS)?;
    let mut column = |field: &str| -> napi::Result<Vec<f64>> {
        let name = format!("holdout.{field}");
        let Some(v) = fields.remove(field) else {
            let message = format!("argument `histories`: column `{name}` is missing");
            return Err(crate::error::binding_error(
                env,
                "INVALID_ARGUMENT",
                message,
                Some(&name),
            ));
        };
        let values = numbers(env, v, "histories", &name)?;
        if values.len() != n {
            return Err(length_error(env, "histories", &name, values.len(), n));
        }
        Ok(values)
    };
    let frequency = column("frequency")?;
    let monetary_value = column("monetaryValue")?;
    let duration = match fields.remove("duration") {
        Some(v) => number_arg(env, v, "holdout.duration")?,
        None => return Err(arg_error(env, "holdout.duration", "is missing")),
    };
    Ok(HoldoutPurchases {
        frequency,
        monetary_value,
        duration,
    })
}

/// The unit as JavaScript spells it.
pub(crate) fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Hour => "hour",
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    }
}

/// Histories as a JavaScript object: the columns as `Float64Array`s (handed over, not
/// copied), the ids as an array of strings.
pub(crate) fn histories_to_js(env: &Env, h: PurchaseHistories) -> napi::Result<Unknown<'_>> {
    let mut o = Object::new(env)?;
    o.set("unit", unit_name(h.unit))?;
    o.set("unitMultiplier", h.unit_multiplier)?;
    o.set("includeFirstPurchase", h.include_first_purchase)?;
    o.set("customerId", h.customer_id)?;
    o.set("frequency", column(h.frequency))?;
    o.set("recency", column(h.recency))?;
    o.set("T", column(h.t))?;
    o.set("monetaryValue", column(h.monetary_value))?;
    if let Some(holdout) = h.holdout {
        let mut x = Object::new(env)?;
        x.set("frequency", column(holdout.frequency))?;
        x.set("monetaryValue", column(holdout.monetary_value))?;
        x.set("duration", holdout.duration)?;
        o.set("holdout", x)?;
    }
    Ok(o.to_unknown())
}

#[napi]
impl Dataset {
    /// Each customer's purchase history: `frequency` (repeat purchase periods), `recency`,
    /// `T` (age) and `monetaryValue` (mean repeat spend), in `options.unit` (default
    /// `day`), from the purchase events (and refunds) of the dataset, as lifetimes'
    /// `summary_data_from_transaction_data` defines them; with `calibrationEnd`, also each
    /// customer's `holdout`. Columns are `Float64Array`s, one entry per customer.
    /// @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;
    /// `INVALID_ARGUMENT` if `options` is not an object.
    #[napi(
        ts_args_type = "options?: PurchaseHistoryOptions | null",
        ts_return_type = "PurchaseHistories"
    )]
    pub fn purchase_histories<'env>(
        &self,
        env: &'env Env,
        options: Unknown<'_>,
    ) -> napi::Result<Unknown<'env>> {
        guard(env, || {
            let o: PurchaseHistoryOptions = super::options(env, options)?;
            let h = thrown(env, touchpoint::purchase_histories(&self.data(), &o))?;
            histories_to_js(env, h)
        })
    }

    /// `ds.purchaseHistories` off the event loop (the libuv thread pool); rejects (never
    /// throws) with the `TouchpointError` the synchronous form would throw.
    #[napi(
        ts_args_type = "options?: PurchaseHistoryOptions | null",
        ts_return_type = "Promise<PurchaseHistories>"
    )]
    pub fn purchase_histories_async(
        &self,
        env: Env,
        options: Unknown<'_>,
    ) -> napi::Result<Pending<PurchaseHistories>> {
        Job::start(&env, || {
            let o: PurchaseHistoryOptions = super::options(&env, options)?;
            Ok(Job::spawn_on(
                &self.data(),
                move |data| carried(touchpoint::purchase_histories(data, &o)),
                histories_to_js,
            ))
        })
    }
}
