//! `ds.experiment(options)`: an experiment straight from the dataset's events
//! (core: `core/src/experiment/events/`).

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// An A/B test from the events: each customer's variant from their first exposure
    /// (`Experiment Viewed` by default), metrics over their events after it, and the
    /// analysis of `analyze_experiment`. `options`: see `ExperimentEventOptions`.
    experiment => touchpoint::experiment;
}
