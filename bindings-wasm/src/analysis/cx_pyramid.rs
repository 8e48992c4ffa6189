//! The CX pyramid: six levels, each an indicator judged against a threshold: `ds.cxPyramid(options?)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The CX pyramid: each level's indicator, threshold and whether it is met.
    cxPyramid / cx_pyramid: "PyramidOptions", "PyramidReport" => touchpoint::cx_pyramid;
}
