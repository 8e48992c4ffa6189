//! `ds.funnel(options)`.

use crate::dataset::Dataset;

crate::analysis::analyses! {
    /// The funnel: customers reaching each step, conversion and drop-off, time between
    /// steps, optionally broken down. `options`: see `FunnelOptions`.
    funnel => touchpoint::funnel;
}
