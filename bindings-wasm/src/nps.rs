//! NPS, CSAT and CES of plain survey answers: `nps(answers)`, `csat(answers)`, `ces(answers)`.
//! `answers` is an array (or typed array, or other iterable) of numbers; a value off the
//! scale is `OUT_OF_RANGE` naming its 1-based position (`record: "answer 2"`).

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_SCORES: &'static str = r#"
/** NPS of a set of 0–10 answers. Shares are percentages; ratios are `null` with no answers. */
export interface NpsSummary {
  responses: number;
  /** Answers of 9 or 10. */
  promoters: number;
  /** Answers of 7 or 8. */
  passives: number;
  /** Answers of 0 to 6. */
  detractors: number;
  promoter_share: number | null;
  passive_share: number | null;
  detractor_share: number | null;
  /** % promoters − % detractors, in [-100, 100]. */
  nps: number | null;
  /** Half-width of the 95% confidence interval of the NPS, in NPS points. */
  margin_of_error: number | null;
}

/** CSAT of a set of 1–5 answers; ratios are `null` with no answers. */
export interface CsatSummary {
  responses: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** Percent of answers that are 4 or 5. */
  csat: number | null;
  mean: number | null;
  /** `counts[s - 1]` answers of score `s`. */
  counts: [number, number, number, number, number];
}

/** CES (customer effort, 1–7, 7 = easiest) of a set of answers; ratios are `null` with no answers. */
export interface CesSummary {
  responses: number;
  mean: number | null;
  /** Answers of 5, 6 or 7. */
  low_effort: number;
  low_effort_share: number | null;
  /** Answers of 1, 2 or 3. */
  high_effort: number;
  high_effort_share: number | null;
  /** `counts[s - 1]` answers of score `s`. */
  counts: [number, number, number, number, number, number, number];
}
"#;

/// The NPS of 0–10 answers.
#[wasm_bindgen(unchecked_return_type = "NpsSummary")]
pub fn nps(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::nps(&convert::answers(&answers)?).into_js()?)
}

/// The CSAT of 1–5 answers.
#[wasm_bindgen(unchecked_return_type = "CsatSummary")]
pub fn csat(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::csat(&convert::answers(&answers)?).into_js()?)
}

/// The CES of 1–7 answers.
#[wasm_bindgen(unchecked_return_type = "CesSummary")]
pub fn ces(#[wasm_bindgen(unchecked_param_type = "Iterable<number>")] answers: JsValue) -> Result<JsValue, JsValue> {
    to_js(&touchpoint::ces(&convert::answers(&answers)?).into_js()?)
}
