//! Customer traits gathered while reading (Segment `identify` and `group` calls, event
//! records carrying `traits`, [`DatasetBuilder::add_customer`](crate::DatasetBuilder::add_customer)),
//! applied once the customers are known: for each trait, the latest value wins.

use super::identity::Merge;
use crate::Properties;

/// Trait updates in input order: `(id index, time, traits)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct TraitUpdates {
    list: Vec<(u32, Option<i64>, Properties)>,
}

impl TraitUpdates {
    /// Records traits of id `id` known at `time` (`None`: no time, older than any time).
    pub(crate) fn push(&mut self, id: u32, time: Option<i64>, traits: Properties) {
        if !traits.is_empty() {
            self.list.push((id, time, traits));
        }
    }

    /// Each customer's traits: for every trait, the value of the latest update in time
    /// order (updates without a time first; equal times in input order, the last wins).
    /// `customers` is the number of customers; `merge` maps id indexes to customers.
    pub(crate) fn apply(mut self, customers: usize, merge: Option<&Merge>) -> Vec<Properties> {
        let customer = |id: u32| merge.map_or(id, |m| m.customer[id as usize]);
        let mut traits = vec![Properties::new(); customers];
        // Stable: equal (customer, time) keep input order.
        self.list.sort_by_key(|u| (customer(u.0), u.1));
        for (id, _, t) in self.list {
            // Traits come with events or customers, never with an id known only from ties.
            let Some(target) = traits.get_mut(customer(id) as usize) else {
                continue;
            };
            if target.is_empty() {
                *target = t;
            } else {
                target.extend(t);
            }
        }
        traits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(v: serde_json::Value) -> Properties {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_latest_value_of_each_trait_wins_whatever_the_input_order() {
        let mut u = TraitUpdates::default();
        u.push(0, Some(30), props(json!({"plan": "pro"})));
        u.push(0, Some(10), props(json!({"plan": "free", "country": "IT"})));
        u.push(0, None, props(json!({"plan": "trial", "age": 34})));
        u.push(1, Some(10), props(json!({"plan": "free"})));
        u.push(1, Some(10), props(json!({"plan": "team"})));
        let t = u.apply(2, None);
        assert_eq!(
            t[0],
            props(json!({"plan": "pro", "country": "IT", "age": 34}))
        );
        assert_eq!(t[1], props(json!({"plan": "team"})));
    }

    #[test]
    fn merged_ids_pool_their_traits() {
        let mut u = TraitUpdates::default();
        u.push(0, Some(20), props(json!({"plan": "pro"})));
        u.push(1, Some(10), props(json!({"plan": "free", "email": "a@x"})));
        let merge = Merge {
            customer: vec![0, 0],
            id_of: vec![1],
        };
        let t = u.apply(1, Some(&merge));
        assert_eq!(t[0], props(json!({"plan": "pro", "email": "a@x"})));
    }
}
