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

/**
 * A reader's options, instead of the mode alone. `pseudonymKey` (a `Uint8Array`, or a
 * string: its UTF-8 bytes; at least 16 bytes) replaces every customer id, anonymous id and
 * alias as it is read by its pseudonym, `pseudonymize(pseudonymKey, id)`
 * (docs/guide-privacy.md).
 */
export interface ReadOptions {
  /** `"strict"` (the default) or `"lenient"`. */
  mode?: Mode | null;
  /** The key of the pseudonyms; omitted or `null`: ids are kept as they are. */
  pseudonymKey?: Uint8Array | string | null;
}

/**
 * Which survey question a score answers: `nps` (0–10), `csat` (1–5), `ces` (1–7), and the
 * engagement survey's 1–5 agreement scales `will_buy_again` ("Will you buy our products in
 * the future?"), `delivers_promise` ("Does the company deliver what it promises?") and
 * `fair_solution` ("When a problem arises, can you rely on a fair solution?"). The
 * engagement survey's other two questions are `csat` (overall satisfaction) and `nps`.
 */
export type SurveyMetric = "nps" | "csat" | "ces" | "will_buy_again" | "delivers_promise" | "fair_solution";

/**
 * A customer id: text, or an integer (a number up to 2^53, a BigInt) kept as its decimal
 * text (`42` → `"42"`). A number with a fraction is refused.
 */
export type IdInput = string | number | bigint;

/**
 * Who an event is about: a customer (user) id, an anonymous (device, cookie) id, or both.
 * Text or a number (a whole number up to 2^53, kept as its decimal text); event objects are
 * read as JSON, so BigInts are not accepted here (they are in `fromColumns`).
 * With both, the event ties them: every event of the anonymous id counts for that customer
 * (docs/guide-identity.md). With only the anonymous id, the event is anonymous.
 */
export type EventIds =
  | { customerId: string | number; anonymousId?: string | number | null }
  | { customerId?: null; anonymousId: string | number };

/** One touchpoint, as accepted by `Dataset.fromEvents`. Keys are camelCase (`customerId`). */
export type EventInput = EventIds & EventFields;

/** The fields of an `EventInput` besides its ids. */
export interface EventFields {
  /** RFC 3339 text (`"2026-03-01T09:30:00Z"`), milliseconds since the epoch, or a `Date`. */
  timestamp: string | number | Date;
  /** `"email"`, `"web"`, `"sms"`, … (unknown names are kept as custom channels). */
  channel: string;
  /** `"purchase"`, `"page_view"`, `"survey_response"`, … (unknown names are custom kinds). */
  kind: string;
  /** Money involved, if any. */
  value?: number | null;
  /**
   * Survey answers by metric, several from one response: `{nps: 9, csat: 4, ces: 6}`
   * (`null`: no answer). A metric may not also be the `survey` answer.
   */
  answers?: Partial<Record<SurveyMetric, number | null>> | null;
  /** One survey answer (the single-answer form). */
  survey?: { metric: SurveyMetric; score: number } | null;
  /**
   * Traits of the customer as of this event (`{plan: "pro"}`); for each trait the latest
   * event's value wins.
   */
  traits?: Record<string, unknown> | null;
  /** Anything else (JSON values; names kept as written). */
  properties?: Record<string, unknown>;
  /**
   * Free text the customer wrote (a survey comment, a review, a ticket); `""` or `null`:
   * none. At most 1 MiB of UTF-8. `ds.voiceOfCustomer` reads it; `ds.painPoints` scores it
   * (`negative_feedback`).
   */
  text?: string | null;
}
"#;

#[wasm_bindgen(module = "/js/instance-guard.js")]
extern "C" {
    #[wasm_bindgen(js_name = guardClass)]
    fn guard_class(sample: JsValue);
    #[wasm_bindgen(js_name = discardInstance)]
    fn discard_instance_js();
}

/// Guards `Dataset` objects (and the value area's models) against use after a
/// re-instantiation (`js/instance-guard.js`); run by the start function of every instance.
pub(crate) fn guard_instances() {
    guard_class(JsValue::from(Dataset {
        data: touchpoint::Dataset::default(),
        rejected: Vec::new(),
    }));
    crate::value::guard_instances(guard_class);
    crate::feedback::guard_instances(guard_class);
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
