//! Funnels: conversion through a series of steps within a window: `ds.funnel(options)`.
//! Written out rather than through `analyses!`: the options are required (they hold the steps).

use crate::dataset::Dataset;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// The funnel of the steps given in `options`: conversion, drop-off and time per step.
    #[wasm_bindgen(js_name = funnel, unchecked_return_type = "FunnelReport")]
    pub fn funnel(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FunnelOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        crate::analysis::analysis(&self.data, &options, touchpoint::funnel)
    }
}
