//! Node bindings of touchpoint, built with napi-rs. Only conversions live here: arguments
//! go in as serde values, results come out as plain objects with the core's snake_case
//! keys, and errors become JavaScript `Error`s with `code`, `record` and `field`.

mod analysis;
mod columns;
mod dataset;
mod engagement;
mod error;
mod funnel;
mod journey;
mod lifecycle;
mod nps;
mod overview;
mod painpoints;
mod pyramid;
mod report;
mod retention;
mod score;
mod segments;
mod sessions;
