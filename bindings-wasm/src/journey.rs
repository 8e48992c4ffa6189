//! The journey map of a dataset: `ds.journeyMap(options?)`.

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_JOURNEY: &'static str = r#"
/** Options of `ds.journeyMap()`; every one is optional. Unknown options are `INVALID_CONFIG`. */
export interface JourneyOptions {
  /** What a node is: the event kind (default), the channel, or `"channel:kind"`. */
  node?: "kind" | "channel" | "touchpoint";
  /** Fold runs of the same node into one step. Default true. */
  collapse_repeats?: boolean;
  /** How many steps of each customer's journey make their path. Default 5. */
  path_length?: number;
  /** How many of the most common paths to return. Default 10. */
  top_paths?: number;
  /** How many channel pairs to return, most frequent first. Default 10. */
  top_channel_pairs?: number;
}

/** One edge of the transition matrix. */
export interface Transition {
  from: string;
  /** The step after; `"(end)"` when `from` was the customer's last step. */
  to: string;
  count: number;
  /** `count` as a percentage of every step out of `from` (ends included). */
  probability: number;
  /** Median seconds between the two steps; `null` for `"(end)"`. */
  median_seconds: number | null;
}

/** A path (the first steps of a customer's journey) and how many customers took it. */
export interface PathCount {
  path: string[];
  customers: number;
  /** Percentage of customers with events. */
  share: number;
}

/** One pair of channels customers moved between. */
export interface ChannelPair {
  from: string;
  to: string;
  count: number;
}

/** How much customers move between channels. */
export interface ChannelSwitching {
  customers: number;
  multichannel_customers: number;
  multichannel_share: number | null;
  transitions: number;
  switches: number;
  switch_rate: number | null;
  pairs: ChannelPair[];
}

/** The journey map of a dataset. */
export interface JourneyMap {
  transitions: Transition[];
  top_paths: PathCount[];
  distinct_paths: number;
  channel_switching: ChannelSwitching;
}
"#;

crate::analysis::analyses! {
    /// The journey map: transitions between steps, the most common paths, channel switching.
    journeyMap / journey_map: "JourneyOptions", "JourneyMap" => touchpoint::journey::journey_map;
}
