//! The voice of the customer: what customers write (survey comments, reviews, support
//! tickets, social mentions) scored for sentiment.
//!
//! `sentiment/` scores one text at a time, or millions in parallel, with VADER's lexicon and
//! rules (Hutto & Gilbert, ICWSM-14), giving the same scores as the vaderSentiment package;
//! `language.rs` names the language of a text, so a text no loaded lexicon can read is
//! reported as unscored rather than scored as neutral; `voice/` reports comments per
//! touchpoint, channel, stage and segment: their sentiment and the terms that set the negative
//! ones apart.

pub(crate) mod language;
pub(crate) mod sentiment;
pub(crate) mod voice;
