//! The engagement index: every answer to its questions placed on 0–100, averaged per
//! response, per customer, and over customers; the weakest question named.

use super::definition::{Question, Survey};
use crate::experiment::distributions::Reference;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One question's part of the engagement index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexQuestion {
    /// The question.
    pub question: String,
    /// The mean of its answers placed on 0–100.
    pub score: Option<f64>,
    /// Its answers.
    pub responses: u64,
}

/// A customer's engagement index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerIndex {
    /// The customer.
    pub customer_id: String,
    /// The mean index of their complete responses (0–100).
    pub index: f64,
    /// Their complete responses.
    pub responses: u64,
}

/// The engagement index: each answer placed on 0–100 (`100 × (a − min) ÷ (max − min)` after
/// reversing; yes = 100, no = 0), a response's index the mean over the index questions (only
/// responses answering at least `index_min_answers` of them count), a customer's the mean
/// of their responses', the overall index the mean over customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementIndex {
    /// The questions averaged.
    pub questions: Vec<String>,
    /// The mean over customers (0–100).
    pub index: Option<f64>,
    /// The spread of customers' indices (n − 1).
    pub std_dev: Option<f64>,
    /// The index's 95% margin of error (Student's t over customers).
    pub margin_of_error: Option<f64>,
    /// Customers with a complete response.
    pub customers: u64,
    /// Responses counted.
    pub complete_responses: u64,
    /// Responses that answered too few index questions.
    pub incomplete_responses: u64,
    /// Each question's mean on 0–100 over every answer to it.
    pub by_question: Vec<IndexQuestion>,
    /// The question with the lowest mean: where engagement is weakest.
    pub weakest_question: Option<String>,
    /// Each customer's index, by customer id.
    pub per_customer: Vec<CustomerIndex>,
}

/// The index from each customer's (sum, count) of response indices and each index
/// question's (sum, count) of answers on 0–100.
pub(crate) fn engagement_index<'a>(
    survey: &Survey,
    customers: &BTreeMap<String, (f64, u64)>,
    by_question: impl Iterator<Item = (&'a Question, (f64, u64))>,
    complete: u64,
    incomplete: u64,
) -> EngagementIndex {
    let per_customer: Vec<CustomerIndex> = customers
        .iter()
        .map(|(id, (s, n))| CustomerIndex {
            customer_id: id.clone(),
            index: s / *n as f64,
            responses: *n,
        })
        .collect();
    let by_question: Vec<IndexQuestion> = by_question
        .map(|(q, (sum, n))| IndexQuestion {
            question: q.id.clone(),
            score: (n > 0).then(|| sum / n as f64),
            responses: n,
        })
        .collect();
    let weakest_question = by_question
        .iter()
        .filter_map(|b| b.score.map(|s| (s, &b.question)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, q)| q.clone());
    let values: Vec<f64> = per_customer.iter().map(|c| c.index).collect();
    let n = values.len();
    let index = crate::analysis::stats::mean(&values);
    let std_dev = index
        .filter(|_| n > 1)
        .map(|m| (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt());
    EngagementIndex {
        questions: survey.engagement_index.clone(),
        index,
        std_dev,
        margin_of_error: std_dev
            .map(|sd| Reference::T((n - 1) as f64).quantile(0.975) * sd / (n as f64).sqrt()),
        customers: n as u64,
        complete_responses: complete,
        incomplete_responses: incomplete,
        by_question,
        weakest_question,
        per_customer,
    }
}
