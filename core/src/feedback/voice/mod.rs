//! The voice of the customer: comments (survey comments, reviews, support tickets, social
//! mentions) tied to a customer, a touchpoint, a channel, a stage and a segment; per group,
//! their sentiment and the terms that set the negative ones apart (`terms.rs`).

mod dataset;
pub(crate) mod terms;
#[cfg(test)]
mod tests;

use crate::model::error::{RecordRef, Result, TouchpointError};
use crate::survey::programme::responses::{contact_of, field_name, object, CONTACT_FIELDS};
use crate::{limits, SentimentAnalyzer, SentimentLabel, SentimentOptions, SurveyContact};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use terms::{FastMap, NegativeTerm, TermTally, Terms};

pub use dataset::{dataset_comments, voice_of_dataset};

/// One comment: who wrote it, where and when, and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// Who, when, where.
    #[serde(flatten)]
    pub contact: SurveyContact,
    /// What they wrote.
    pub text: String,
}

/// How comments are read and reported. Every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VoiceOptions {
    /// Detect each comment's language; one no lexicon is for is unscored (default true).
    pub detect_language: bool,
    /// The compound score at or below whose negative a comment is negative (default 0.05).
    pub threshold: f64,
    /// The negative terms listed per group (default 10, at most 1000).
    pub terms: usize,
    /// A term must occur in at least this many negative comments of a group (default 2).
    pub min_comments: u64,
    /// Example comments per term (default 3, at most 20).
    pub examples: usize,
    /// Columns of the rows to pass over; any other column that is not a field is refused.
    pub ignore_columns: Vec<String>,
    /// Over a dataset: the customer trait whose value is a comment's segment (none by
    /// default: every comment then has no segment).
    pub segment_trait: Option<String>,
    /// Over a dataset: journey-stage overrides (kind → stage or null), as the analyses take.
    pub stage_map: BTreeMap<String, Option<String>>,
}

impl Default for VoiceOptions {
    fn default() -> Self {
        VoiceOptions {
            detect_language: true,
            threshold: 0.05,
            terms: 10,
            min_comments: 2,
            examples: 3,
            ignore_columns: Vec::new(),
            segment_trait: None,
            stage_map: BTreeMap::new(),
        }
    }
}

impl VoiceOptions {
    /// Checks the options (`INVALID_CONFIG` naming the option).
    pub fn check(&self) -> Result<()> {
        if self.terms > 1000 {
            return Err(TouchpointError::config("terms", "at most 1000"));
        }
        if self.examples > 20 {
            return Err(TouchpointError::config("examples", "at most 20"));
        }
        if self.min_comments == 0 {
            return Err(TouchpointError::config("min_comments", "at least 1"));
        }
        Ok(())
    }
}

/// Reads comments from rows (objects): `customer_id`, `timestamp` and `text` (or `comment`),
/// and optionally `channel`, `touchpoint`, `stage` and `segment`. A blank text is kept and
/// counted as blank. Errors name the row and the field: a missing customer, time or text, a
/// text that is not text (`INVALID_RECORD`), a text over [`limits::MAX_TEXT_BYTES`]
/// (`OUT_OF_RANGE`), any other column not in `options.ignore_columns` (`INVALID_RECORD`).
pub fn read_comments(rows: &[Value], options: &VoiceOptions) -> Result<Vec<Comment>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let record = RecordRef::Record(i as u64 + 1);
            let map = object(row, record)?;
            let mut text = None;
            for (key, v) in map {
                match field_name(key) {
                    "text" | "comment" => text = Some((key.as_str(), v)),
                    name if CONTACT_FIELDS.contains(&name) => {}
                    _ if options.ignore_columns.contains(key) => {}
                    _ => {
                        return Err(TouchpointError::invalid(
                            record,
                            key.clone(),
                            "not a field of a comment (customer_id, timestamp, text, channel, \
                             touchpoint, stage, segment)",
                        ))
                    }
                }
            }
            let text = match text {
                None => {
                    return Err(TouchpointError::invalid(record, "text", "missing"));
                }
                Some((_, Value::Null)) => String::new(),
                Some((_, Value::String(s))) if s.len() > limits::MAX_TEXT_BYTES => {
                    return Err(TouchpointError::OutOfRange {
                        record,
                        field: "text".into(),
                        value: format!("a text of {} bytes", s.len()),
                        expected: format!("at most {} bytes", limits::MAX_TEXT_BYTES),
                    })
                }
                Some((_, Value::String(s))) => s.clone(),
                Some((key, v)) => {
                    return Err(TouchpointError::invalid(
                        record,
                        key,
                        format!("expected text, got {v}"),
                    ))
                }
            };
            Ok(Comment {
                contact: contact_of(map, record)?,
                text,
            })
        })
        .collect()
}

/// The voice of one group of comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceGroup {
    /// The touchpoint, channel, stage or segment; `None` for the comments that did not say
    /// (and for the overall group).
    pub group: Option<String>,
    /// Comments, blank ones included.
    pub comments: u64,
    /// Blank comments (no text).
    pub blank: u64,
    /// Positive comments.
    pub positive: u64,
    /// Neutral comments.
    pub neutral: u64,
    /// Negative comments.
    pub negative: u64,
    /// Comments in a language no lexicon is for.
    pub unscored: u64,
    /// The percentage of negative comments among the scored ones.
    pub negative_share: Option<f64>,
    /// The mean compound score of the scored comments.
    pub mean_compound: Option<f64>,
    /// The terms that most set the negative comments apart.
    pub negative_terms: Vec<NegativeTerm>,
}

/// The voice of the customer over a set of comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceReport {
    /// Every comment.
    pub overall: VoiceGroup,
    /// Per touchpoint (`None` last).
    pub by_touchpoint: Vec<VoiceGroup>,
    /// Per channel.
    pub by_channel: Vec<VoiceGroup>,
    /// Per journey stage, in journey order.
    pub by_stage: Vec<VoiceGroup>,
    /// Per segment.
    pub by_segment: Vec<VoiceGroup>,
}

/// A group's key: with a value before without; stages in journey order.
type Key = (bool, usize, String);

#[derive(Clone, Default)]
struct GroupTally {
    comments: u64,
    blank: u64,
    labels: [u64; 4],
    /// Compound scores in ten-thousandths (VADER rounds them to 4 decimals): an exact sum,
    /// whatever the order of the merges.
    compound_sum: i64,
    /// By term number (`Tallies::terms`).
    terms: FastMap<u32, TermTally>,
}

impl GroupTally {
    /// Adds `later`, whose term numbers `renumber` maps to this tally's.
    fn merge(&mut self, later: GroupTally, renumber: &[u32], keep: usize) {
        self.comments += later.comments;
        self.blank += later.blank;
        for (a, b) in self.labels.iter_mut().zip(later.labels) {
            *a += b;
        }
        self.compound_sum += later.compound_sum;
        for (term, t) in later.terms {
            let term = renumber[term as usize];
            match self.terms.get_mut(&term) {
                Some(have) => have.merge(t, keep),
                None => {
                    self.terms.insert(term, t);
                }
            }
        }
    }

    fn finish(
        self,
        group: Option<String>,
        names: &[Box<str>],
        comments: &[Comment],
        o: &VoiceOptions,
    ) -> VoiceGroup {
        let [positive, neutral, negative, unscored] = self.labels;
        let scored = positive + neutral + negative;
        VoiceGroup {
            group,
            comments: self.comments,
            blank: self.blank,
            positive,
            neutral,
            negative,
            unscored,
            negative_share: crate::analysis::stats::percent(negative, scored),
            mean_compound: (scored > 0).then(|| self.compound_sum as f64 / 1e4 / scored as f64),
            negative_terms: terms::negative_terms(
                self.terms.iter().map(|(&id, t)| (&*names[id as usize], t)),
                o.terms,
                o.min_comments,
            )
            .into_iter()
            .map(|(term, t, delta, z)| NegativeTerm {
                term,
                negative: t.negative,
                other: t.other,
                negative_comments: t.negative_comments,
                log_odds: delta,
                log_odds_weighted: z,
                examples: t
                    .examples
                    .iter()
                    .map(|&(_, at)| comments[at].text.clone())
                    .collect(),
            })
            .collect(),
        }
    }
}

/// A comment's group in each breakdown, borrowed: (no value, order, name).
fn keys(c: &SurveyContact) -> [(bool, usize, &str); 4] {
    const STAGES: [&str; 5] = ["discover", "shop", "buy", "own", "advocate"];
    fn text(v: &Option<String>) -> (bool, usize, &str) {
        v.as_deref().map_or((true, 0, ""), |s| (false, 0, s))
    }
    [
        text(&c.touchpoint),
        text(&c.channel),
        c.stage
            .map_or((true, 0, ""), |s| (false, s.index(), STAGES[s.index()])),
        text(&c.segment),
    ]
}

struct Tallies {
    terms: Terms,
    overall: GroupTally,
    groups: [BTreeMap<Key, GroupTally>; 4],
}

/// The voice of the customer: each comment scored for sentiment (VADER, with language
/// detection as `options` say), then per touchpoint, channel, stage and segment (and
/// overall) the sentiment distribution, the share of negative comments, and the terms that
/// most set the negative comments apart from the group's other scored comments (tidylo's
/// weighted log odds; see [`NegativeTerm`]), each with counts and example comments. Comments
/// are walked in parallel ranges whose tallies merge in order.
pub fn voice_of_customer(comments: &[Comment], options: &VoiceOptions) -> Result<VoiceReport> {
    options.check()?;
    let analyzer = SentimentAnalyzer::english().with_options(SentimentOptions {
        detect_language: options.detect_language,
        threshold: options.threshold,
    })?;
    let default_language = analyzer.lexicons()[0].language();
    let keep = options.examples;
    let walk = |lo: usize, hi: usize| -> Result<Tallies> {
        let mut t = Tallies {
            terms: Terms::default(),
            overall: GroupTally::default(),
            groups: Default::default(),
        };
        let mut scratch = crate::feedback::sentiment::Scratch::default();
        let (mut lower, mut ids, mut distinct) = (String::new(), Vec::new(), Vec::new());
        // This range's groups of each breakdown, found by their borrowed keys.
        let mut found: [FastMap<(bool, usize, &str), usize>; 4] = Default::default();
        let mut breakdowns: [Vec<GroupTally>; 4] = Default::default();
        for (at, c) in comments.iter().enumerate().take(hi).skip(lo) {
            let Tallies {
                terms: names,
                overall,
                ..
            } = &mut t;
            let mut groups: Vec<&mut GroupTally> = vec![overall];
            let mut places = [0; 4];
            for ((place, f), key) in places.iter_mut().zip(&mut found).zip(keys(&c.contact)) {
                *place = *f.entry(key).or_insert_with(|| usize::MAX);
            }
            for (k, (b, place)) in breakdowns.iter_mut().zip(&mut places).enumerate() {
                if *place == usize::MAX {
                    *place = b.len();
                    b.push(GroupTally::default());
                    found[k].insert(keys(&c.contact)[k], *place);
                }
            }
            for (b, place) in breakdowns.iter_mut().zip(places) {
                groups.push(&mut b[place]);
            }
            for g in groups.iter_mut() {
                g.comments += 1;
            }
            if c.text.trim().is_empty() {
                for g in groups.iter_mut() {
                    g.blank += 1;
                }
                continue;
            }
            let s = analyzer.score_in(&c.text, RecordRef::Record(at as u64 + 1), &mut scratch)?;
            let slot = match s.label {
                SentimentLabel::Positive => 0,
                SentimentLabel::Neutral => 1,
                SentimentLabel::Negative => 2,
                SentimentLabel::Unscored => 3,
            };
            let compound = s.compound.unwrap_or(0.0);
            let negative = slot == 2;
            ids.clear();
            if slot != 3 {
                let language = s.language.unwrap_or(default_language);
                terms::for_each_term(&c.text, language, &mut lower, |w| ids.push(names.id(w)));
            }
            distinct.clear();
            if negative {
                distinct.extend_from_slice(&ids);
                distinct.sort_unstable();
                distinct.dedup();
            }
            for g in groups.iter_mut() {
                g.labels[slot] += 1;
                g.compound_sum += (compound * 1e4).round() as i64;
                for &id in &ids {
                    let t = g.terms.entry(id).or_default();
                    if negative {
                        t.negative += 1;
                    } else {
                        t.other += 1;
                    }
                }
                for &id in &distinct {
                    let t = g.terms.entry(id).or_default();
                    t.negative_comments += 1;
                    if keep > 0 {
                        t.example(compound, at, keep);
                    }
                }
            }
        }
        for ((b, f), list) in t.groups.iter_mut().zip(found).zip(breakdowns) {
            let mut list: Vec<Option<GroupTally>> = list.into_iter().map(Some).collect();
            for ((missing, order, name), place) in f {
                if let Some(g) = list[place].take() {
                    b.insert((missing, order, name.to_string()), g);
                }
            }
        }
        Ok(t)
    };
    let merge = |a: Result<Tallies>, b: Result<Tallies>| -> Result<Tallies> {
        let (mut a, b) = (a?, b?);
        // The later range's term numbers, in the earlier range's numbering.
        let renumber: Vec<u32> = b.terms.names.iter().map(|n| a.terms.id(n)).collect();
        a.overall.merge(b.overall, &renumber, keep);
        for (x, y) in a.groups.iter_mut().zip(b.groups) {
            for (key, g) in y {
                match x.get_mut(&key) {
                    Some(have) => have.merge(g, &renumber, keep),
                    None => {
                        let mut fresh = GroupTally::default();
                        fresh.merge(g, &renumber, keep);
                        x.insert(key, fresh);
                    }
                }
            }
        }
        Ok(a)
    };
    // Large ranges: each range's tallies hold most of the vocabulary, so merges cost.
    let leaf = crate::parallel::leaf_size(comments.len(), 16_384);
    let t = crate::parallel::install(|| {
        crate::parallel::split(0, comments.len(), leaf, &walk, &merge)
    })?;
    let names = &t.terms.names;
    let [by_touchpoint, by_channel, by_stage, by_segment] = t.groups.map(|b| {
        b.into_iter()
            .map(|((missing, _, name), g)| {
                g.finish((!missing).then_some(name), names, comments, options)
            })
            .collect()
    });
    Ok(VoiceReport {
        overall: t.overall.finish(None, names, comments, options),
        by_touchpoint,
        by_channel,
        by_stage,
        by_segment,
    })
}
