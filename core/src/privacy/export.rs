//! Everything held about one customer, in one serde value: the data-portability answer.

use crate::{
    engagement_score, lifecycle, limits, rfm, sessions, CustomerEngagementScore, CustomerLifecycle,
    CustomerSessions, Dataset, EngagementScoreOptions, Event, LifecycleOptions, Properties,
    RecordRef, Result, RfmOptions, RfmRow, SessionOptions,
};
use serde::{Deserialize, Serialize};

/// Everything a dataset holds about one customer ([`Dataset::export`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerExport {
    /// The customer's id.
    pub customer_id: String,
    /// The other ids merged into the customer (anonymous ids, previous ids).
    pub ids: Vec<String>,
    /// The customer's traits (the latest value of each).
    pub traits: Properties,
    /// The customer's events in time order, as event records: they read back with
    /// [`read_records`](crate::read_records) (each under the customer's id; every answer
    /// in `answers`).
    pub events: Vec<Event>,
    /// What the analyses say about the customer, with their default options.
    pub derived: CustomerDerived,
}

/// The customer's rows of the analyses that give one row per customer, each with its
/// default options (`None` when the analysis has no row for the customer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerDerived {
    /// Its engagement score ([`engagement_score`]).
    pub engagement_score: Option<CustomerEngagementScore>,
    /// Its RFM scores and segment ([`rfm`]).
    pub rfm: Option<RfmRow>,
    /// Its journey stage and lifecycle status ([`lifecycle`]).
    pub lifecycle: Option<CustomerLifecycle>,
    /// Its sessions ([`sessions`]).
    pub sessions: Option<CustomerSessions>,
}

impl Dataset {
    /// Everything held about the customer of `id` (its customer id, or any id merged into
    /// it): ids, traits, events and its rows of the per-customer analyses. `None` when the
    /// dataset holds nothing about `id`. An invalid id is an `INVALID_RECORD` error on field
    /// `id`. The per-customer rows are computed over the whole dataset (RFM scores are
    /// quintiles among all customers), so an export costs about four analyses.
    pub fn export(&self, id: &str) -> Result<Option<CustomerExport>> {
        limits::check_id(id, RecordRef::Record(1), "id")?;
        let Some(c) = self.find_customer(id) else {
            return Ok(None);
        };
        let rows = self.rows_of(c);
        let own = self.customer_id(c).to_string();
        let mine = |row_id: &String| *row_id == own;
        let score = engagement_score(
            self,
            &EngagementScoreOptions {
                per_customer: true,
                ..Default::default()
            },
        )?;
        let rfm = rfm(
            self,
            &RfmOptions {
                per_customer: true,
                ..Default::default()
            },
        )?;
        let lifecycle = lifecycle(
            self,
            &LifecycleOptions {
                per_customer: true,
                ..Default::default()
            },
        )?;
        let sessions = sessions(
            self,
            &SessionOptions {
                per_customer: true,
                ..Default::default()
            },
        )?;
        let derived = CustomerDerived {
            engagement_score: score
                .per_customer
                .into_iter()
                .flatten()
                .find(|r| mine(&r.customer_id)),
            rfm: rfm
                .per_customer
                .into_iter()
                .flatten()
                .find(|r| mine(&r.customer_id)),
            lifecycle: lifecycle
                .per_customer
                .into_iter()
                .flatten()
                .find(|r| mine(&r.customer_id)),
            sessions: sessions
                .per_customer
                .into_iter()
                .flatten()
                .find(|r| mine(&r.customer_id)),
        };
        Ok(Some(CustomerExport {
            ids: self.aliases(c).to_vec(),
            traits: self.traits(c).clone(),
            events: rows.map(|row| self.event(row)).collect(),
            derived,
            customer_id: own,
        }))
    }
}
