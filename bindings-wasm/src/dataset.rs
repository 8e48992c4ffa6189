//! `Dataset`: customers and their touchpoints, read from event objects
//! (`Dataset.fromEvents`), columns (`Dataset.fromColumns`, in `columns.rs`), Segment JSON / NDJSON (`Dataset.readSegment`) or CSV
//! (`Dataset.readCsv`). In `"strict"` mode (the default) the first bad record throws; in
//! `"lenient"` mode bad records are skipped and listed in `ds.rejected`.

use crate::convert::to_js;
use touchpoint::ingest::Ingested;
use touchpoint::ErrorInfo;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_DATASET: &'static str = r#"
/** How to treat a bad record: `"strict"` throws on the first one, `"lenient"` skips and lists them. */
export type Mode = "strict" | "lenient";

/** Which survey a score answers. */
export type SurveyMetric = "nps" | "csat" | "ces";

/** One touchpoint, as accepted by `Dataset.fromEvents`. Keys are camelCase (`customerId`). */
export interface EventInput {
  customerId: string;
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
  /** Anything else (JSON values; names kept as written). */
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
    guard_class(JsValue::from(Dataset {
        data: touchpoint::Dataset::default(),
        rejected: Vec::new(),
    }));
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
        Dataset {
            data: read.dataset,
            rejected: read.rejected.iter().map(ErrorInfo::from).collect(),
        }
    }
}

#[wasm_bindgen]
impl Dataset {
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
