//! `ds.cx_pyramid(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The CX pyramid: six levels, each an indicator judged against a threshold, the
    /// highest level reached and the weakest. `options`: see `PyramidOptions`.
    cx_pyramid => touchpoint::cx_pyramid;
}
