//! `ds.experiment(options)`: an experiment straight from the dataset's events (core:
//! `core/src/experiment/events/`).

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " An A/B test from the events: each customer's variant from their first exposure"]
    #[doc = " (`Experiment Viewed` by default), metrics over their events after it (conversion,"]
    #[doc = " count, revenue, ratio, funnel, NPS/CSAT/CES, retention), analysed as"]
    #[doc = " `analyzeExperiment` does; customers exposed to two variants are counted and left out."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option, or"]
    #[doc = " `experimentId` when no customer was exposed; `INVALID_RECORD` when the summed data"]
    #[doc = " cannot be tested (a variant without customers)."]
    experiment, experiment_async: "options: ExperimentEventOptions" => "ExperimentEventReport", "Promise<ExperimentEventReport>" = touchpoint::experiment;
}
