//! The CX report of a dataset: `ds.cxReport(stageMap?)`.

use crate::convert::{self, to_js};
use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &'static str = r#"
/** The journey stages, in order. */
export type Stage = "discover" | "shop" | "buy" | "own" | "advocate";

/** Overrides of the default event kind → stage mapping; `null` means "no stage". */
export type StageMap = Record<string, Stage | null>;

/** NPS, CSAT and CES of one group of answers. */
export interface ScoreSet {
  nps: NpsSummary;
  csat: CsatSummary;
  ces: CesSummary;
}

/** Scores of the answers given while customers stood at `stage`. */
export interface StageScores extends ScoreSet {
  stage: Stage;
}

/** Customers whose furthest stage is `stage`, and their percentage of all customers. */
export interface StageCount {
  stage: Stage;
  customers: number;
  share: number | null;
}

/** The CX report of a dataset. */
export interface CxReport {
  dataset: DatasetSummary;
  /** Scores over every answer. */
  overall: ScoreSet;
  /** Scores per channel the answer came through, by channel name. */
  by_channel: Record<string, ScoreSet>;
  /** Scores per stage reached when answering, in journey order (always five entries). */
  by_stage: StageScores[];
  /** Scores of answers given before the customer reached any stage. */
  no_stage: ScoreSet;
  /** Customers per furthest stage reached, in journey order (always five entries). */
  stage_distribution: StageCount[];
  /** Customers who reached no stage. */
  customers_without_stage: number;
}
"#;

#[wasm_bindgen]
impl Dataset {
    /// The CX report, with the default kind → stage mapping overridden by `stageMap`
    /// (`{ survey_response: "discover", purchase: null }`).
    #[wasm_bindgen(js_name = cxReport, unchecked_return_type = "CxReport")]
    pub fn cx_report(
        &self,
        #[wasm_bindgen(js_name = stageMap, unchecked_optional_param_type = "StageMap | Map<string, Stage | null>")]
        stage_map: JsValue,
    ) -> Result<JsValue, JsValue> {
        let stages = convert::stage_map(&stage_map)?;
        to_js(&touchpoint::cx_report(&self.data, &stages))
    }
}
