//! The journey analyses. Each one is a [`CustomerPass`](pass::CustomerPass): per-customer
//! state updated one event at a time, folded into a report, so that `overview` can run all
//! of them in one walk over the dataset. One file (or folder) per analysis, named after the
//! function that runs it.

pub(crate) mod cx_pyramid;
pub(crate) mod engagement;
pub(crate) mod engagement_score;
pub(crate) mod funnel;
pub(crate) mod journey_map;
pub(crate) mod lifecycle;
pub(crate) mod overview;
pub(crate) mod pain_points;
pub(crate) mod pass;
pub(crate) mod retention;
pub(crate) mod segments;
pub(crate) mod sessions;
pub(crate) mod stats;

#[cfg(test)]
pub(crate) mod parallel_tests;
