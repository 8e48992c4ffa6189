//! Survey programmes (core: `core/src/survey/programme/`): `surveyTemplate(name)`,
//! `scoreSurvey(survey, responses, options)` and `compareSurveyWaves(earlier, later,
//! options)`. Surveys, options and reports are plain objects with camelCase keys; response
//! and invitation rows keep their keys as written (question ids are data), `customer_id` or
//! `customerId` alike, and a row's error names the column unrespelled.

use crate::error::{arg_error, guard, plain, IntoNapiResult};
use crate::experiment::read;
use crate::value::thrown;
use napi::bindgen_prelude::{JsObjectValue, JsValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use touchpoint::{Survey, SurveyOptions, SurveyReport};

/// Any JSON-shaped value as JSON, keys as written (`Date`s as ISO text).
fn raw(env: &Env, value: Unknown<'_>, name: &str) -> napi::Result<Value> {
    let mut wrapper = Object::new(env)?;
    wrapper.set_named_property(name, value)?;
    Ok(crate::js::options(env, wrapper.to_unknown())?[name].take())
}

/// Rows: an array of objects (`undefined` or `null`: none).
fn rows(env: &Env, value: Value, name: &str) -> napi::Result<Vec<Value>> {
    match value {
        Value::Array(rows) => Ok(rows),
        Value::Null => Ok(Vec::new()),
        _ => Err(arg_error(env, name, "expected an array of row objects")),
    }
}

/// A built-in survey: `nps`, `csat`, `ces` or `engagement` (the five engagement questions,
/// scored into an engagement index), each with a free-text `comment`.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `survey` for an unknown name.
#[napi(ts_args_type = "name: SurveyTemplate", ts_return_type = "Survey")]
pub fn survey_template<'env>(env: &'env Env, name: String) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        plain(env, thrown(env, touchpoint::survey_template(&name))?)
    })
}

/// Scores a wave of survey responses: every question overall and per channel, touchpoint,
/// stage, segment (and period), the engagement index with its weakest question, response
/// rates from `options.invitations`, and warnings where too few answered.
/// @throws {TouchpointError} `OUT_OF_RANGE` (an answer outside its scale) or
/// `INVALID_RECORD` (a question the survey does not have, a missing customer) naming the
/// row (`record N`) and the field; `INVALID_CONFIG` for a bad survey or option.
#[napi(
    ts_args_type = "survey: Survey | SurveyTemplate, responses: SurveyRow[], options?: ScoreSurveyOptions | null",
    ts_return_type = "SurveyReport"
)]
pub fn score_survey<'env>(
    env: &'env Env,
    survey: Unknown<'_>,
    responses: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let mut o = crate::js::options(env, options)?;
        let invited = match o.as_object_mut() {
            Some(map) => map.remove("invitations").unwrap_or(Value::Null),
            None => Value::Null,
        };
        let o: SurveyOptions = crate::value::options_from(env, o)?;
        thrown(env, o.check())?;
        let Some(survey) = read::<Survey>(env, survey, "survey")? else {
            return Err(arg_error(
                env,
                "survey",
                "expected a survey or a template's name",
            ));
        };
        let responses = rows(env, raw(env, responses, "responses")?, "responses")?;
        let invitations = rows(env, invited, "invitations")?;
        // A row's error names its column as the row has it (a question id is data, not a
        // field to respell).
        let responses =
            touchpoint::read_survey_responses(&survey, &responses, &o).into_napi(env)?;
        let invitations = touchpoint::read_survey_invitations(&invitations, &o).into_napi(env)?;
        let report = thrown(
            env,
            touchpoint::score_survey(&survey, &responses, &invitations, &o),
        )?;
        plain(env, report)
    })
}

/// Compares two waves (reports from `scoreSurvey`), question by question: NPS by the
/// trinomial z-test, means by Welch's t-test, top-box and yes shares by two-proportion
/// z-tests, the engagement index by Welch's t over customers. `options.alpha` defaults to 0.05.
/// @throws {TouchpointError} `INVALID_CONFIG` for an alpha outside (0, 1) or a report that
/// does not read as one.
#[napi(
    ts_args_type = "earlier: SurveyReport, later: SurveyReport, options?: { alpha?: number } | null",
    ts_return_type = "WaveComparison"
)]
pub fn compare_survey_waves<'env>(
    env: &'env Env,
    earlier: Unknown<'_>,
    later: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let alpha = match crate::js::options(env, options)? {
            Value::Object(o) => match o.get("alpha") {
                None | Some(Value::Null) => 0.05,
                Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
                Some(_) => return Err(arg_error(env, "alpha", "expected a number")),
            },
            _ => 0.05,
        };
        let report = |v: Unknown<'_>, name: &str| -> napi::Result<SurveyReport> {
            read::<SurveyReport>(env, v, name)?
                .ok_or_else(|| arg_error(env, name, "expected a report from scoreSurvey"))
        };
        let (a, b) = (report(earlier, "earlier")?, report(later, "later")?);
        plain(
            env,
            thrown(env, touchpoint::compare_survey_waves(&a, &b, alpha))?,
        )
    })
}
