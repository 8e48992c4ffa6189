//! `ds.journey_map(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The journey map: transitions between steps with probabilities and median times,
    /// the most common paths, and channel switching. `options`: see `JourneyMapOptions`.
    journey_map => touchpoint::journey_map;
}
