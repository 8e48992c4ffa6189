//! `voiceOfCustomer(comments, options)` and `voiceOfCustomerAsync` (core:
//! `core/src/feedback/voice/`). Comment rows keep their keys as written (`customer_id` or
//! `customerId`); options and the report are camelCase. `ds.voiceOfCustomer(options)`
//! (and `…Async`): the same over a dataset's free text.

use crate::error::{arg_error, guard, plain, to_js, to_value, IntoNapiResult};
use crate::task::{Job, Pending};
use crate::value::{carried, thrown};
use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use touchpoint::{Comment, VoiceOptions};

/// The options and the comments, read and checked.
fn read(
    env: &Env,
    comments: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<(Vec<Comment>, VoiceOptions)> {
    let o: VoiceOptions = crate::value::options(env, options)?;
    thrown(env, o.check())?;
    let mut wrapper = Object::new(env)?;
    wrapper.set_named_property("comments", comments)?;
    let rows = match crate::js::options(env, wrapper.to_unknown())?["comments"].take() {
        Value::Array(rows) => rows,
        _ => {
            return Err(arg_error(
                env,
                "comments",
                "expected an array of comment objects",
            ))
        }
    };
    // A row's error names its column as the row has it (data, not a field to respell).
    Ok((touchpoint::read_comments(&rows, &o).into_napi(env)?, o))
}

/// The voice of the customer: per touchpoint, channel, stage and segment (and overall), the
/// comments' sentiment (VADER), the share of negative ones, and the terms that most set the
/// negative comments apart (tidylo's weighted log odds), with counts and examples.
/// @throws {TouchpointError} `INVALID_RECORD` (a comment without customer, time or text, an
/// unknown column) or `OUT_OF_RANGE` (a text over 1 MiB) naming the row and the field;
/// `INVALID_CONFIG` for a bad option.
#[napi(
    ts_args_type = "comments: CommentRow[], options?: VoiceOptions | null",
    ts_return_type = "VoiceReport"
)]
pub fn voice_of_customer<'env>(
    env: &'env Env,
    comments: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let (comments, o) = read(env, comments, options)?;
        plain(
            env,
            thrown(env, touchpoint::voice_of_customer(&comments, &o))?,
        )
    })
}

/// `voiceOfCustomer` on the libuv pool: the rows are read now, the comments scored and
/// counted off the main thread.
#[napi(
    ts_args_type = "comments: CommentRow[], options?: VoiceOptions | null",
    ts_return_type = "Promise<VoiceReport>"
)]
pub fn voice_of_customer_async(
    env: Env,
    comments: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Pending<Value>> {
    Job::start(&env, || {
        let (comments, o) = read(&env, comments, options)?;
        Ok(Job::spawn(
            move || to_value(carried(touchpoint::voice_of_customer(&comments, &o))?),
            to_js,
        ))
    })
}

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " The voice of the customer over the events' free text (`text`): per touchpoint (the"]
    #[doc = " event's kind), channel, journey stage reached and segment (a trait, with"]
    #[doc = " `segmentTrait`), the sentiment, the share of negative texts and the terms that most"]
    #[doc = " set them apart (tidylo's weighted log odds), with counts and examples."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming a bad option (`stageMap.<kind>`, …)."]
    voice_of_customer, voice_of_customer_async: "options?: VoiceOptions | null" => "VoiceReport", "Promise<VoiceReport>" = touchpoint::voice_of_dataset;
}
