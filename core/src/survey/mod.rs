//! Survey scores: NPS, CSAT and CES as mergeable tallies, and the CX report that breaks them
//! down by channel and journey stage. (Survey programmes, the engagement index and
//! sentiment land here too.)

pub(crate) mod answers;
pub(crate) mod ces;
pub(crate) mod csat;
pub(crate) mod cx_report;
pub(crate) mod nps;
pub(crate) mod programme;
