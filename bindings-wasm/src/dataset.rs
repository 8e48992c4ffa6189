//! `Dataset`: customers and their touchpoints, read from event objects
//! (`Dataset.fromEvents`), columns (`Dataset.fromColumns`, in `columns.rs`), Segment JSON / NDJSON (`Dataset.readSegment`) or CSV
//! (`Dataset.readCsv`). In `"strict"` mode (the default) the first bad record throws; in
//! `"lenient"` mode bad records are skipped and listed in `ds.rejected`.

use crate::convert::{self, to_js};
use crate::error::IntoJsResult;
use touchpoint::ingest::{self, Ingested};
use touchpoint::ErrorInfo;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_DATASET: &'static str = r#"
/** How to treat a bad record: `"strict"` throws on the first one, `"lenient"` skips and lists them. */
export type Mode = "strict" | "lenient";

/** Which survey a score answers. */
export type SurveyMetric = "nps" | "csat" | "ces";

/** One touchpoint, as accepted by `Dataset.fromEvents`. */
export interface EventInput {
  customer_id: string;
  /** RFC 3339 text (`"2026-03-01T09:30:00Z"`), milliseconds since the epoch, or a `Date`. */
  timestamp: string | number | Date;
  /** `"email"`, `"web"`, `"sms"`, … (unknown names are kept as custom channels). */
  channel: string;
  /** `"purchase"`, `"page_view"`, `"survey_response"`, … (unknown names are custom kinds). */
  kind: string;
  /** Money involved, if any. */
  value?: number | null;
  /** A survey answer, if the event carries one. */
  survey?: { metric: SurveyMetric; score: number } | null;
  /** Anything else (JSON values). */
  properties?: Record<string, unknown>;
}
"#;

#[wasm_bindgen(module = "/js/instance-guard.js")]
extern "C" {
    #[wasm_bindgen(js_name = guardClass)]
    fn guard_class(sample: JsValue);
    #[wasm_bindgen(js_name = discardInstance)]
    fn discard_instance_js();
}

/// Guards `Dataset` objects against use after a re-instantiation (`js/instance-guard.js`);
/// run by the start function of every instance.
pub(crate) fn guard_instances() {
    guard_class(JsValue::from(Dataset { data: touchpoint::Dataset::default(), rejected: Vec::new() }));
}

/// Marks every existing `Dataset` stale; run by the panic hook.
pub(crate) fn discard_instance() {
    discard_instance_js();
}

/// Customers and their touchpoints, held in WebAssembly memory. Call `free()` when done
/// with a large one (otherwise the garbage collector frees it eventually).
#[wasm_bindgen]
pub struct Dataset {
    pub(crate) data: touchpoint::Dataset,
    rejected: Vec<ErrorInfo>,
}

impl From<Ingested> for Dataset {
    fn from(read: Ingested) -> Self {
        Dataset { data: read.dataset, rejected: read.rejected.iter().map(ErrorInfo::from).collect() }
    }
}

#[wasm_bindgen]
impl Dataset {
    /// A dataset from event objects (see `EventInput`); errors name the 1-based record.
    #[wasm_bindgen(js_name = fromEvents)]
    pub fn from_events(
        #[wasm_bindgen(unchecked_param_type = "Iterable<EventInput>")] events: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode")] mode: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::mode(&mode)?;
        let records = convert::events(&events)?;
        Ok(ingest::read_records(records, mode).into_js()?.into())
    }

    /// A dataset from Segment-style JSON: an array of calls, or NDJSON (one call per line).
    #[wasm_bindgen(js_name = readSegment)]
    pub fn read_segment(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode")] mode: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::mode(&mode)?;
        let text = convert::text(&text, "text")?;
        Ok(ingest::read_segment(&text, mode).into_js()?.into())
    }

    /// A dataset from CSV with a header line (`customer_id,timestamp,channel,kind`, and
    /// optionally `value`, `survey`, `score`); errors name the line, the header being line 1.
    #[wasm_bindgen(js_name = readCsv)]
    pub fn read_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Mode")] mode: JsValue,
    ) -> Result<Dataset, JsValue> {
        let mode = convert::mode(&mode)?;
        let text = convert::text(&text, "text")?;
        Ok(ingest::read_csv(&text, mode).into_js()?.into())
    }

    /// Number of customers (including those known only from an `identify` call).
    #[wasm_bindgen(getter, js_name = customerCount)]
    pub fn customer_count(&self) -> u32 {
        self.data.customer_count() as u32
    }

    /// Number of events.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> u32 {
        self.data.event_count() as u32
    }

    /// The records skipped in lenient mode, in input order (a new array on each access).
    #[wasm_bindgen(getter, unchecked_return_type = "Rejection[]")]
    pub fn rejected(&self) -> Result<JsValue, JsValue> {
        to_js(&self.rejected)
    }

    /// Counts and time span.
    #[wasm_bindgen(unchecked_return_type = "DatasetSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.data.summary())
    }
}
