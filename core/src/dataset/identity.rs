//! Identity resolution: ids tied together (an anonymous id to the user who signed in, a
//! previous id aliased to a user) become one customer, before the dataset is built.
//!
//! The rules (docs/guide-identity.md compares them with PostHog's and Segment's):
//! - A tie says "`from` is `to`": `from` is an anonymous id (or, for an alias, a previous
//!   user id) and `to` the user id. Every event of `from` then counts for `to`'s customer,
//!   and chains follow (anonymous → A, alias A → B: the anonymous events count for B).
//! - Ties are applied in time order (ties without a time first), so the result does not
//!   depend on the order of the input. At the same time, ties are ordered by their ids.
//! - An id is tied to at most one other id: the earliest tie wins. A later tie of the same
//!   id to another customer is refused and reported (naming its record; a tie repeated on
//!   many events is one tie, reported at its earliest record); the events stay with their
//!   own customer ids.
//! - An id seen as a user id (a `customer_id` or `userId` somewhere in the input) is merged
//!   into another user only by an explicit alias: an anonymous-to-user tie (Segment
//!   `identify`, or an event carrying both ids) from a user id is refused, as PostHog
//!   refuses to merge two identified users through `$identify`.
//! - The merged customer's id is the id at the end of the chain (the user id); it takes the
//!   place (customer order) of the first-seen id of its group. An id known only from ties
//!   (no event, no traits) makes no customer of its own.

use crate::{RecordRef, TouchpointError};
use std::collections::HashMap;

/// The ties of a read, by id index (the order ids were first seen in).
#[derive(Debug, Clone, Default)]
pub(crate) struct Identity {
    ties: Vec<Tie>,
    /// `(from, to, alias)` → its tie in `ties`: a tie repeated on many events is kept once,
    /// at its earliest time.
    seen: HashMap<(u32, u32, bool), usize>,
    /// Per id index: seen as a user id. Shorter than the ids when the last ones were not.
    identified: Vec<bool>,
}

#[derive(Debug, Clone)]
struct Tie {
    from: u32,
    to: u32,
    time: Option<i64>,
    /// An alias: may merge a user id.
    alias: bool,
    record: RecordRef,
    /// The field (or column) holding `from`, named in the error if the tie is refused.
    field: String,
}

/// Which customer each id index belongs to once ties are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Merge {
    /// Per id index: its customer index.
    pub(crate) customer: Vec<u32>,
    /// Per customer: the id index of its id (the end of the chain).
    pub(crate) id_of: Vec<u32>,
}

impl Merge {
    /// Per customer: the other ids merged into it (anonymous ids, previous ids), in the
    /// order they were first seen. Empty when no id was merged.
    pub(crate) fn aliases<S: AsRef<str>>(merge: Option<&Merge>, ids: &[S]) -> Vec<Vec<String>> {
        let Some(m) = merge else {
            return Vec::new();
        };
        let mut aliases = vec![Vec::new(); m.id_of.len()];
        for (i, &c) in m.customer.iter().enumerate() {
            if c != u32::MAX && m.id_of[c as usize] != i as u32 {
                aliases[c as usize].push(ids[i].as_ref().to_string());
            }
        }
        aliases
    }

    /// The customer of id `id`; `None` for an id known only from ties.
    #[inline]
    pub(crate) fn customer_of(&self, id: u32) -> Option<u32> {
        Some(self.customer[id as usize]).filter(|&c| c != u32::MAX)
    }
}

impl Identity {
    /// Notes that id `id` is used as a user id.
    pub(crate) fn identified(&mut self, id: u32) {
        let i = id as usize;
        if self.identified.len() <= i {
            self.identified.resize(i + 1, false);
        }
        self.identified[i] = true;
    }

    /// Ties `from` to `to` (see the module's rules); `alias` for an explicit merge.
    pub(crate) fn tie(
        &mut self,
        from: u32,
        to: u32,
        time: Option<i64>,
        alias: bool,
        record: RecordRef,
        field: &str,
    ) {
        if from == to {
            return;
        }
        if let Some(&i) = self.seen.get(&(from, to, alias)) {
            let kept = &mut self.ties[i];
            if time < kept.time {
                kept.time = time;
                kept.record = record;
            }
            return;
        }
        self.seen.insert((from, to, alias), self.ties.len());
        self.ties.push(Tie {
            from,
            to,
            time,
            alias,
            record,
            field: field.to_string(),
        });
    }

    /// True when some tie was recorded.
    pub(crate) fn has_ties(&self) -> bool {
        !self.ties.is_empty()
    }

    /// Resolves the ties over `ids` (the id of each index): each id's customer, and the
    /// refused ties, in input order. `present(i)`: id `i` has events or traits (a group
    /// without such an id makes no customer). `None` when every id is its own customer.
    pub(crate) fn resolve<S: AsRef<str>>(
        &self,
        ids: &[S],
        present: impl Fn(u32) -> bool,
    ) -> (Option<Merge>, Vec<TouchpointError>) {
        if self.ties.is_empty() {
            return (None, Vec::new());
        }
        let id = |i: u32| ids[i as usize].as_ref();
        let mut order: Vec<&Tie> = self.ties.iter().collect();
        order.sort_by(|a, b| {
            (a.time, id(a.from), id(a.to), a.alias).cmp(&(b.time, id(b.from), id(b.to), b.alias))
        });
        let mut parent: Vec<u32> = (0..ids.len() as u32).collect();
        let mut refused = Vec::new();
        let mut merged = false;
        for t in order {
            let is_user = self.identified.get(t.from as usize) == Some(&true);
            let (rf, rt) = (root(&mut parent, t.from), root(&mut parent, t.to));
            if rf == rt {
                continue;
            }
            let why = if !t.alias && is_user {
                format!(
                    "`{}` is a user id itself: two user ids are merged only by an alias (previousId → userId), so it is not tied to `{}`",
                    id(t.from),
                    id(t.to)
                )
            } else if parent[t.from as usize] != t.from {
                format!(
                    "`{}` is already tied to `{}` (the earliest tie wins), so it is not tied to `{}`",
                    id(t.from),
                    id(rf),
                    id(t.to)
                )
            } else {
                parent[t.from as usize] = t.to;
                merged = true;
                continue;
            };
            refused.push((t.record, TouchpointError::invalid(t.record, &t.field, why)));
        }
        refused.sort_by_key(|r| position(r.0));
        let refused = refused.into_iter().map(|r| r.1).collect();
        let all_present = (0..ids.len() as u32).all(&present);
        if !merged && all_present {
            return (None, refused);
        }
        // A group is a customer when one of its ids is present; it takes the place of the
        // first of those.
        let mut customer = vec![u32::MAX; ids.len()];
        let mut id_of = Vec::new();
        for i in (0..ids.len() as u32).filter(|&i| present(i)) {
            let r = root(&mut parent, i) as usize;
            if customer[r] == u32::MAX {
                customer[r] = id_of.len() as u32;
                id_of.push(r as u32);
            }
        }
        for i in 0..ids.len() as u32 {
            let r = root(&mut parent, i) as usize;
            customer[i as usize] = customer[r];
        }
        (Some(Merge { customer, id_of }), refused)
    }
}

/// The 1-based position a record reference names, for sorting errors into input order.
pub(crate) fn position(r: RecordRef) -> u64 {
    match r {
        RecordRef::Line(n) | RecordRef::Record(n) | RecordRef::Answer(n) => n,
    }
}

/// The end of `i`'s chain, shortening the chain on the way (path halving).
fn root(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let up = parent[parent[i as usize] as usize];
        parent[i as usize] = up;
        i = up;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(n: u64) -> RecordRef {
        RecordRef::Record(n)
    }

    /// Customers as groups of ids, each group's id first.
    fn groups(ids: &[&str], identity: &Identity) -> (Vec<Vec<String>>, Vec<String>) {
        let (merge, refused) = identity.resolve(ids, |i| ids[i as usize] != "ghost");
        let merge = merge.unwrap_or_else(|| Merge {
            customer: (0..ids.len() as u32).collect(),
            id_of: (0..ids.len() as u32).collect(),
        });
        let mut out: Vec<Vec<String>> = merge
            .id_of
            .iter()
            .map(|&i| vec![ids[i as usize].to_string()])
            .collect();
        for (i, &c) in merge.customer.iter().enumerate() {
            if c != u32::MAX && merge.id_of[c as usize] != i as u32 {
                out[c as usize].push(ids[i].to_string());
            }
        }
        (out, refused.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn a_chain_ends_at_the_last_user_whatever_the_order_of_the_ties() {
        let ids = ["anon", "a", "b"];
        let forward = {
            let mut i = Identity::default();
            i.identified(1);
            i.identified(2);
            i.tie(0, 1, Some(10), false, rec(1), "anonymousId");
            i.tie(1, 2, Some(20), true, rec(2), "previousId");
            i
        };
        let backward = {
            let mut i = Identity::default();
            i.identified(1);
            i.identified(2);
            i.tie(1, 2, Some(20), true, rec(1), "previousId");
            i.tie(0, 1, Some(10), false, rec(2), "anonymousId");
            i
        };
        let want = vec![vec!["b".to_string(), "anon".into(), "a".into()]];
        assert_eq!(groups(&ids, &forward).0, want);
        assert_eq!(groups(&ids, &backward).0, want);
    }

    #[test]
    fn the_earliest_tie_wins_and_the_later_one_is_named() {
        let ids = ["anon", "u1", "u2"];
        for first_in_input in [true, false] {
            let mut i = Identity::default();
            let early = (0, 1, Some(10));
            let late = (0, 2, Some(20));
            let (x, y) = if first_in_input {
                (early, late)
            } else {
                (late, early)
            };
            i.tie(x.0, x.1, x.2, false, rec(1), "anonymousId");
            i.tie(y.0, y.1, y.2, false, rec(2), "anonymousId");
            let (g, refused) = groups(&ids, &i);
            assert_eq!(
                g,
                vec![vec!["u1".to_string(), "anon".into()], vec!["u2".into()]]
            );
            let late_record = if first_in_input { 2 } else { 1 };
            assert_eq!(refused.len(), 1);
            assert!(
                refused[0].starts_with(&format!("record {late_record}: field `anonymousId`")),
                "{refused:?}"
            );
            assert!(refused[0].contains("already tied to `u1`"), "{refused:?}");
        }
    }

    #[test]
    fn two_users_merge_only_by_alias() {
        let ids = ["u1", "u2"];
        let mut i = Identity::default();
        i.identified(0);
        i.identified(1);
        i.tie(0, 1, None, false, rec(3), "anonymousId");
        let (g, refused) = groups(&ids, &i);
        assert_eq!(g.len(), 2);
        assert!(
            refused[0].contains("merged only by an alias"),
            "{refused:?}"
        );
        i.tie(0, 1, Some(5), true, rec(4), "previousId");
        let (g, refused) = groups(&ids, &i);
        assert_eq!(g, vec![vec!["u2".to_string(), "u1".into()]]);
        // The identify-style tie sorts first (no time) and is still refused.
        assert_eq!(refused.len(), 1);
    }

    #[test]
    fn a_repeated_refused_tie_is_reported_once_at_its_earliest_record() {
        let ids = ["anon", "u1", "u2"];
        let mut i = Identity::default();
        i.tie(0, 1, Some(10), false, rec(1), "anonymous_id");
        i.tie(0, 2, Some(40), false, rec(2), "anonymous_id");
        i.tie(0, 2, Some(30), false, rec(3), "anonymous_id");
        i.tie(0, 2, Some(50), false, rec(4), "anonymous_id");
        let (_, refused) = groups(&ids, &i);
        assert_eq!(refused.len(), 1);
        assert!(refused[0].starts_with("record 3:"), "{refused:?}");
    }

    #[test]
    fn an_id_known_only_from_ties_makes_no_customer() {
        // "ghost" has no events: tied away it disappears into u1, refused it is nobody.
        let ids = ["u1", "ghost", "u2"];
        let mut i = Identity::default();
        i.tie(1, 0, Some(1), false, rec(1), "anonymousId");
        i.tie(1, 2, Some(2), false, rec(2), "anonymousId");
        let (g, refused) = groups(&ids, &i);
        assert_eq!(
            g,
            vec![vec!["u1".to_string(), "ghost".into()], vec!["u2".into()]]
        );
        assert_eq!(refused.len(), 1);
        let mut alone = Identity::default();
        alone.tie(1, 1, None, false, rec(1), "anonymousId");
        alone.tie(1, 0, Some(1), true, rec(2), "previousId");
        alone.tie(1, 2, Some(2), true, rec(3), "previousId");
        let (g, _) = groups(&ids, &alone);
        assert_eq!(g[1], vec!["u2".to_string()]);
    }

    #[test]
    fn ties_within_one_customer_and_cycles_change_nothing() {
        let ids = ["a", "b"];
        let mut i = Identity::default();
        i.tie(0, 1, Some(1), true, rec(1), "previousId");
        i.tie(1, 0, Some(2), true, rec(2), "previousId");
        i.tie(0, 0, Some(3), false, rec(3), "anonymousId");
        let (g, refused) = groups(&ids, &i);
        assert_eq!(g, vec![vec!["b".to_string(), "a".into()]]);
        assert!(refused.is_empty());
    }
}
