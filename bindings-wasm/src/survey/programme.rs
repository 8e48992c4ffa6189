//! Survey programmes (core: `core/src/survey/programme/`): `surveyTemplate(name)`,
//! `scoreSurvey(survey, responses, options)` and `compareSurveyWaves(earlier, later,
//! options)`. Surveys, options and reports are plain objects with camelCase keys; response
//! and invitation rows keep their keys as written (question ids are data), `customer_id` or
//! `customerId` alike.

use crate::convert::to_js;
use crate::error::{argument_error, IntoJsResult};
use crate::experiment::read;
use crate::value::thrown;
use serde_json::Value;
use touchpoint::{Survey, SurveyOptions, SurveyReport};
use wasm_bindgen::prelude::*;

/// Any JSON-shaped value as JSON, keys as written (`Date`s as ISO text).
fn raw(value: &JsValue, name: &str) -> Result<Value, JsValue> {
    let wrapper = js_sys::Object::new();
    js_sys::Reflect::set(&wrapper, &JsValue::from_str(name), value)?;
    Ok(crate::convert::options(&wrapper)?[name].take())
}

/// Rows: an array of objects (`undefined` or `null`: none).
fn rows(value: Value, name: &str) -> Result<Vec<Value>, JsValue> {
    match value {
        Value::Array(rows) => Ok(rows),
        Value::Null => Ok(Vec::new()),
        _ => Err(argument_error(
            name,
            None,
            "expected an array of row objects",
        )),
    }
}

/// A built-in survey: `nps`, `csat`, `ces` or `engagement` (the five engagement questions,
/// scored into an engagement index), each with a free-text `comment`.
/// @throws {TouchpointError} `INVALID_CONFIG` naming `survey` for an unknown name.
#[wasm_bindgen(js_name = surveyTemplate, unchecked_return_type = "Survey")]
pub fn survey_template(
    #[wasm_bindgen(unchecked_param_type = "SurveyTemplate")] name: String,
) -> Result<JsValue, JsValue> {
    to_js(&thrown(touchpoint::survey_template(&name))?)
}

/// Scores a wave of survey responses: every question overall and per channel, touchpoint,
/// stage, segment (and period), the engagement index with its weakest question, response
/// rates from `options.invitations`, and warnings where too few answered.
/// @throws {TouchpointError} `OUT_OF_RANGE` (an answer outside its scale) or
/// `INVALID_RECORD` (a question the survey does not have, a missing customer) naming the
/// row (`record N`) and the field; `INVALID_CONFIG` for a bad survey or option.
#[wasm_bindgen(js_name = scoreSurvey, unchecked_return_type = "SurveyReport")]
pub fn score_survey(
    #[wasm_bindgen(unchecked_param_type = "Survey | SurveyTemplate")] survey: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SurveyRow[]")] responses: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScoreSurveyOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut o = crate::convert::options(&options)?;
    let invited = match o.as_object_mut() {
        Some(map) => map.remove("invitations").unwrap_or(Value::Null),
        None => Value::Null,
    };
    let o: SurveyOptions = crate::value::options_from(o)?;
    thrown(o.check())?;
    let Some(survey) = read::<Survey>(&survey, "survey")? else {
        return Err(argument_error(
            "survey",
            None,
            "expected a survey or a template's name",
        ));
    };
    let responses = rows(raw(&responses, "responses")?, "responses")?;
    let invitations = rows(invited, "invitations")?;
    // A row's error names its column as the row has it (a question id is data, not a field
    // to respell).
    let responses = touchpoint::read_survey_responses(&survey, &responses, &o).into_js()?;
    let invitations = touchpoint::read_survey_invitations(&invitations, &o).into_js()?;
    to_js(&thrown(touchpoint::score_survey(
        &survey,
        &responses,
        &invitations,
        &o,
    ))?)
}

/// Compares two waves (reports from `scoreSurvey`), question by question: NPS by the
/// trinomial z-test, means by Welch's t-test, top-box and yes shares by two-proportion
/// z-tests, the engagement index by Welch's t over customers. `options.alpha` defaults to 0.05.
/// @throws {TouchpointError} `INVALID_CONFIG` for an alpha outside (0, 1) or a report that
/// does not read as one.
#[wasm_bindgen(js_name = compareSurveyWaves, unchecked_return_type = "WaveComparison")]
pub fn compare_survey_waves(
    #[wasm_bindgen(unchecked_param_type = "SurveyReport")] earlier: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SurveyReport")] later: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ alpha?: number } | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let alpha = match crate::convert::options(&options)? {
        Value::Object(o) => match o.get("alpha") {
            None | Some(Value::Null) => 0.05,
            Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
            Some(_) => return Err(argument_error("alpha", None, "expected a number")),
        },
        _ => 0.05,
    };
    let report = |v: &JsValue, name: &str| -> Result<SurveyReport, JsValue> {
        read::<SurveyReport>(v, name)?
            .ok_or_else(|| argument_error(name, None, "expected a report from scoreSurvey"))
    };
    let (a, b) = (report(&earlier, "earlier")?, report(&later, "later")?);
    to_js(&thrown(touchpoint::compare_survey_waves(&a, &b, alpha))?)
}
