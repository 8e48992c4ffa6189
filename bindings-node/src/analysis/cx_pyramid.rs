//! The CX pyramid: `ds.cxPyramid(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    #[doc = " The CX pyramid: six levels (information, problem solving, underlying need,"]
    #[doc = " anticipation, proactivity, transformation), each an indicator measured from the data"]
    #[doc = " and judged against a threshold; the highest level reached and the weakest one."]
    #[doc = " @throws {TouchpointError} `INVALID_CONFIG` naming an unknown or invalid option;"]
    #[doc = " `INVALID_ARGUMENT` if `options` is not an object."]
    cx_pyramid, cx_pyramid_async: "options?: PyramidOptions | null" => "PyramidReport", "Promise<PyramidReport>" = touchpoint::cx_pyramid;
}
