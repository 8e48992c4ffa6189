//! Privacy: forgetting a customer ([`Dataset::forget`](crate::Dataset::forget), a GDPR
//! erasure), exporting everything held about one ([`Dataset::export`](crate::Dataset::export),
//! data portability) and pseudonymous ids (ids replaced at ingestion by a keyed hash,
//! [`PseudonymKey`]). `docs/guide-privacy.md` describes them.

mod export;
mod pseudonym;

pub use self::export::{CustomerDerived, CustomerExport};
pub(crate) use self::pseudonym::pseudonym;
pub use self::pseudonym::{pseudonymize, PseudonymKey};
