//! Channels: where a touchpoint happened.

use crate::model::names::open_vocabulary;

open_vocabulary! {
    /// The channel a touchpoint happened on. Unknown names are kept as [`Channel::Custom`].
    pub enum Channel {
        /// E-mail.
        Email = "email" | "e_mail" | "mail",
        /// SMS text messages.
        Sms = "sms" | "text",
        /// RCS (rich communication services) messages.
        Rcs = "rcs",
        /// WhatsApp.
        WhatsApp = "whatsapp" | "whats_app" | "wa",
        /// Mobile or web push notifications.
        Push = "push" | "web_push" | "push_notification",
        /// The website.
        Web = "web" | "website" | "browser" | "site",
        /// The mobile or desktop app.
        App = "app" | "mobile" | "mobile_app",
        /// A physical store.
        Store = "store" | "in_store" | "retail" | "offline",
        /// Social media.
        Social = "social" | "social_media",
        /// Customer service (phone, chat, help desk).
        Support = "support" | "customer_service" | "call_center" | "chat",
        /// Paid advertising.
        Ads = "ads" | "ad" | "paid" | "paid_ads" | "advertising",
    }
}
