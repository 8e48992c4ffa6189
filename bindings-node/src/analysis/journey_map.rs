//! The journey map: transitions, paths, channel switching: `ds.journeyMap(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " The journey map: every transition between steps (a step is an event kind, a channel"]
    #[doc = " or both, per `options.node`) with its probability and median time, the most common"]
    #[doc = " paths, and how often customers switch channels."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    journey_map, journey_map_async: "options?: JourneyMapOptions | null" => "JourneyMap", "Promise<JourneyMap>" = touchpoint::journey_map;
}
