//! The ops of `vectors/survey.json`: `survey_template`, `score_survey` and
//! `compare_survey_waves`.

use super::inputs;
use serde_json::Value;
use touchpoint::{Result, Survey, SurveyOptions, SurveyReport};

fn rows(v: &Value) -> Vec<Value> {
    match inputs::expand(v) {
        Value::Array(rows) => rows,
        Value::Null => Vec::new(),
        other => panic!("rows: {other}"),
    }
}

fn wave(
    survey: &Survey,
    responses: &Value,
    invitations: &Value,
    o: &SurveyOptions,
) -> Result<SurveyReport> {
    o.check()?;
    let responses = touchpoint::read_survey_responses(survey, &rows(responses), o)?;
    let invitations = touchpoint::read_survey_invitations(&rows(invitations), o)?;
    touchpoint::score_survey(survey, &responses, &invitations, o)
}

pub fn run(op: &str, input: &Value) -> Result<Value> {
    if op == "survey_template" {
        let name = input["name"].as_str().expect("name");
        return Ok(serde_json::to_value(touchpoint::survey_template(name)?).unwrap());
    }
    let survey: Survey = touchpoint::value_from_json(input["survey"].clone(), "survey")?;
    let options: SurveyOptions = touchpoint::options_from_value(input["options"].clone())?;
    Ok(match op {
        "score_survey" => serde_json::to_value(wave(
            &survey,
            &input["responses"],
            &input["invitations"],
            &options,
        )?)
        .unwrap(),
        "compare_survey_waves" => {
            let earlier = wave(&survey, &input["earlier"], &Value::Null, &options)?;
            let later = wave(&survey, &input["later"], &Value::Null, &options)?;
            let alpha = input["alpha"].as_f64().unwrap_or(0.05);
            serde_json::to_value(touchpoint::compare_survey_waves(&earlier, &later, alpha)?)
                .unwrap()
        }
        other => panic!("unknown survey op {other}"),
    })
}
