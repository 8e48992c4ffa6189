//! Journey stages (discover → shop → buy → own → advocate) and the mapping from event kinds.

use crate::{EventKind, Result, TouchpointError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The five journey stages, in order. A customer's stage is the furthest one reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Learns the brand exists (search, social, word of mouth, ads).
    Discover,
    /// Considers: compares prices, reads reviews, browses.
    Shop,
    /// Completes a transaction.
    Buy,
    /// Uses the product and forms an opinion (service, loyalty, after-sales).
    Own,
    /// Promotes the brand: reviews, shares, referrals.
    Advocate,
}

impl Stage {
    /// All stages in journey order.
    pub const ALL: [Stage; 5] = [
        Stage::Discover,
        Stage::Shop,
        Stage::Buy,
        Stage::Own,
        Stage::Advocate,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Shop => "shop",
            Stage::Buy => "buy",
            Stage::Own => "own",
            Stage::Advocate => "advocate",
        }
    }

    /// Position in the journey, 0 for discover.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Reads a stage name (case-insensitive).
    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// Which journey stage each event kind signals. Kinds mapped to `None` (by default survey
/// responses and custom kinds) don't move a customer along the journey.
///
/// Default mapping:
/// - discover: impression, email_open, like, comment, mention
/// - shop: click, page_view, add_to_cart
/// - buy: purchase
/// - own: refund, ticket_opened, ticket_resolved, loyalty_join, loyalty_redeem
/// - advocate: review, referral, share
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMap {
    /// Kind name → stage (or `None` for "no stage").
    map: BTreeMap<EventKind, Option<Stage>>,
}

impl Default for StageMap {
    fn default() -> Self {
        use EventKind::*;
        let stage = |k: &EventKind| match k {
            Impression | EmailOpen | Like | Comment | Mention => Some(Stage::Discover),
            Click | PageView | AddToCart => Some(Stage::Shop),
            Purchase => Some(Stage::Buy),
            Refund | TicketOpened | TicketResolved | LoyaltyJoin | LoyaltyRedeem => {
                Some(Stage::Own)
            }
            Review | Referral | Share => Some(Stage::Advocate),
            SurveyResponse | Custom(_) => None,
        };
        StageMap {
            map: EventKind::KNOWN
                .iter()
                .map(|k| (k.clone(), stage(k)))
                .collect(),
        }
    }
}

impl StageMap {
    /// The stage an event of this kind signals, if any.
    pub fn stage_of(&self, kind: &EventKind) -> Option<Stage> {
        self.map.get(kind).copied().flatten()
    }

    /// Maps `kind` to `stage` (or to no stage), replacing the default.
    pub fn set(&mut self, kind: EventKind, stage: Option<Stage>) -> &mut Self {
        self.map.insert(kind, stage);
        self
    }

    /// [`with_overrides`](Self::with_overrides) from the options' form, a map of kind name →
    /// stage name or null.
    pub fn from_overrides(
        overrides: &std::collections::BTreeMap<String, Option<String>>,
    ) -> Result<StageMap> {
        StageMap::with_overrides(overrides.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
    }

    /// The default mapping with overrides given as `kind name → stage name or null`,
    /// the form the bindings accept. Unknown stage names are an [`TouchpointError::InvalidConfig`].
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Result<StageMap> {
        let mut map = StageMap::default();
        for (kind, stage) in overrides {
            let option = format!("stage_map.{kind}");
            let k = EventKind::parse(kind)
                .ok_or_else(|| TouchpointError::config(&option, "empty event kind"))?;
            let s = match stage {
                None => None,
                Some(name) => Some(Stage::parse(name).ok_or_else(|| {
                    TouchpointError::config(
                        &option,
                        format!("unknown stage `{name}` (expected discover, shop, buy, own or advocate)"),
                    )
                })?),
            };
            map.set(k, s);
        }
        Ok(map)
    }
}
