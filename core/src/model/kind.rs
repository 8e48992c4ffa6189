//! Event kinds: what happened at a touchpoint.

use crate::model::names::open_vocabulary;

open_vocabulary! {
    /// What happened at a touchpoint. Unknown names are kept as [`EventKind::Custom`].
    /// Segment's e-commerce event names (`Order Completed`, `Product Added`, …) are aliases.
    pub enum EventKind {
        /// The customer was shown something (an ad, a post, a banner).
        Impression = "impression" | "ad_impression" | "view_impression",
        /// An e-mail was opened.
        EmailOpen = "email_open" | "email_opened" | "open",
        /// A click (on a link, an ad, a button).
        Click = "click" | "clicked" | "link_clicked" | "email_link_clicked" | "ad_click",
        /// A visit or page / screen view.
        PageView = "page_view" | "visit" | "page" | "pageview" | "page_viewed" | "screen" | "screen_view" | "product_viewed",
        /// A product was added to the cart.
        AddToCart = "add_to_cart" | "product_added" | "added_to_cart" | "cart_add",
        /// A purchase was completed.
        Purchase = "purchase" | "order_completed" | "order" | "purchased" | "checkout_completed",
        /// A purchase was refunded.
        Refund = "refund" | "order_refunded" | "refunded",
        /// A review was posted.
        Review = "review" | "review_posted" | "product_reviewed",
        /// The customer referred someone.
        Referral = "referral" | "referred" | "referral_sent",
        /// The customer shared content.
        Share = "share" | "shared" | "product_shared",
        /// The customer liked content.
        Like = "like" | "liked",
        /// The customer commented.
        Comment = "comment" | "commented",
        /// The customer mentioned the brand.
        Mention = "mention" | "mentioned",
        /// A support ticket was opened.
        TicketOpened = "ticket_opened" | "support_ticket_opened",
        /// A support ticket was resolved.
        TicketResolved = "ticket_resolved" | "support_ticket_resolved",
        /// A survey was answered (the answer rides on the event).
        SurveyResponse = "survey_response" | "survey_responded" | "survey" | "survey_answered",
        /// The customer joined the loyalty programme.
        LoyaltyJoin = "loyalty_join" | "loyalty_joined" | "loyalty_signup",
        /// The customer redeemed a loyalty reward.
        LoyaltyRedeem = "loyalty_redeem" | "loyalty_redeemed" | "reward_redeemed",
    }
}
