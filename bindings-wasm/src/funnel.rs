//! Funnels: conversion through a series of steps within a window: `ds.funnel(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The funnel of the steps given in `options`: conversion, drop-off and time per step.
    funnel / funnel: "FunnelOptions", "FunnelReport" => touchpoint::funnel;
}
