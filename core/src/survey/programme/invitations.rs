//! Invitations (`survey_sent` events): read from rows, and matched to the responses that
//! answer them, for response rates and the time to respond.

use super::responses::{
    contact_of, field_name, object, SurveyContact, SurveyResponse, CONTACT_FIELDS,
};
use super::SurveyOptions;
use crate::model::error::{RecordRef, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How many of a group's invitations were answered, and how fast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRate {
    /// Invitations sent.
    pub invitations: u64,
    /// Invitations answered.
    pub responded: u64,
    /// Their percentage.
    pub rate: Option<f64>,
    /// Its 95% margin, in points.
    pub margin_of_error: Option<f64>,
    /// The median time from invitation to response.
    pub median_seconds_to_respond: Option<f64>,
}

/// Reads survey invitations (`survey_sent` events): one row each, with `customer_id` and
/// `timestamp`, and optionally `channel`, `touchpoint`, `stage`, `segment` and `kind`, which
/// must then be `options.invitation_kind`. Any other field, or another kind, is
/// `INVALID_RECORD` naming the row.
pub fn read_survey_invitations(
    rows: &[Value],
    options: &SurveyOptions,
) -> Result<Vec<SurveyContact>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let record = RecordRef::Record(i as u64 + 1);
            let row = object(row, record)?;
            if let Some(k) = row
                .keys()
                .find(|k| !CONTACT_FIELDS.contains(&field_name(k)) && *k != "kind")
            {
                return Err(TouchpointError::invalid(
                    record,
                    k.clone(),
                    "not a field of an invitation (customer_id, timestamp, channel, \
                     touchpoint, stage, segment)",
                ));
            }
            match row.get("kind") {
                Some(Value::String(k)) if *k == options.invitation_kind => {}
                None => {}
                Some(other) => {
                    return Err(TouchpointError::invalid(
                        record,
                        "kind",
                        format!(
                            "{other} is not the invitation kind `{}`",
                            options.invitation_kind
                        ),
                    ))
                }
            }
            contact_of(row, record)
        })
        .collect()
}

/// For each invitation, the wait until the response that answered it: each response answers
/// its customer's latest unanswered invitation sent at most `window_ms` before it. Also
/// returns the responses that answered none.
pub(crate) fn match_invitations(
    responses: &[SurveyResponse],
    invitations: &[SurveyContact],
    window_ms: i64,
) -> (Vec<Option<i64>>, u64) {
    // (customer, time, 0 = invitation / 1 = response, position): an invitation sent at the
    // same millisecond as a response comes first.
    let mut timeline: Vec<(&str, i64, u8, usize)> = invitations
        .iter()
        .enumerate()
        .map(|(i, c)| (c.customer_id.as_str(), c.timestamp.millis(), 0, i))
        .chain(responses.iter().enumerate().map(|(i, r)| {
            (
                r.contact.customer_id.as_str(),
                r.contact.timestamp.millis(),
                1,
                i,
            )
        }))
        .collect();
    timeline.sort_unstable();
    let mut waits = vec![None; invitations.len()];
    let mut unmatched = 0;
    let mut open: Vec<(i64, usize)> = Vec::new();
    let mut customer = "";
    for (c, t, what, i) in timeline {
        if c != customer {
            open.clear();
            customer = c;
        }
        if what == 0 {
            open.push((t, i));
        } else {
            match open.pop() {
                Some((sent, inv)) if t - sent <= window_ms => waits[inv] = Some(t - sent),
                _ => {
                    // Too old to have prompted this response, and so every earlier one too.
                    open.clear();
                    unmatched += 1;
                }
            }
        }
    }
    (waits, unmatched)
}
