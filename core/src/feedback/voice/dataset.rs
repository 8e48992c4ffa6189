//! The voice of the customer over a dataset: every event that carries free text is a
//! comment, tied to its customer, its time, its channel, its touchpoint (the event's kind),
//! the journey stage the customer had reached and, when asked, a segment read from a trait.

use super::{voice_of_customer, Comment, VoiceOptions, VoiceReport};
use crate::analysis::pass::PassContext;
use crate::{Dataset, Result, Stage, StageMap, SurveyContact, Timestamp, TouchpointError};
use serde_json::Value;

/// The comments of `data`, in customer then time order: one per event with free text
/// ([`Event::text`](crate::Event::text)). Its touchpoint is the event's kind, its channel the
/// event's, its stage the furthest journey stage the customer had reached by then (the
/// event's own kind included, with `options.stage_map`'s overrides), and its segment the
/// customer's trait `options.segment_trait`, if set (text as is, a number or a boolean as
/// written; none when the trait is missing, null or an object).
pub fn dataset_comments(data: &Dataset, options: &VoiceOptions) -> Result<Vec<Comment>> {
    let stages = StageMap::from_overrides(&options.stage_map)?;
    if options.segment_trait.as_deref().is_some_and(str::is_empty) {
        return Err(TouchpointError::config("segment_trait", "is empty"));
    }
    let ctx = PassContext::new(data, &stages);
    let mut comments = Vec::with_capacity(data.text_count());
    for c in data.customers() {
        let mut texts = c.texts().peekable();
        if texts.peek().is_none() {
            continue;
        }
        let segment = options
            .segment_trait
            .as_deref()
            .and_then(|name| segment_of(data.traits(c.index).get(name)?));
        let mut furthest: Option<Stage> = None;
        let mut next = 0;
        for (i, text) in texts {
            for k in &c.kind[next..=i] {
                furthest = furthest.max(ctx.stage(*k));
            }
            next = i + 1;
            comments.push(Comment {
                contact: SurveyContact {
                    customer_id: c.id.to_string(),
                    timestamp: Timestamp(c.ts[i]),
                    channel: Some(data.channel_name(c.channel[i]).to_string()),
                    touchpoint: Some(data.kind_name(c.kind[i]).to_string()),
                    stage: furthest,
                    segment: segment.clone(),
                },
                text: text.to_string(),
            });
        }
    }
    Ok(comments)
}

/// A trait's value as a segment name.
fn segment_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The voice of the customer over the free text of `data`'s events
/// ([`dataset_comments`], then [`voice_of_customer`]): per touchpoint (event kind), channel,
/// journey stage and segment, the sentiment of what customers wrote, the share of negative
/// comments and the terms that set them apart.
pub fn voice_of_dataset(data: &Dataset, options: &VoiceOptions) -> Result<VoiceReport> {
    options.check()?;
    voice_of_customer(&dataset_comments(data, options)?, options)
}
