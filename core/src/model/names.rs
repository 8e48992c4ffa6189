//! A macro for the open vocabularies (channels, event kinds): a fixed set of well-known
//! names plus `Custom(String)`, written and read as plain snake_case strings.

/// Turns free text into the canonical form names are compared in:
/// lower case, with spaces, hyphens and dots folded into `_`.
pub(crate) fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            ' ' | '-' | '.' | '/' => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

macro_rules! open_vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)* ,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other name, kept as written (in canonical snake_case).
            Custom(String),
        }

        impl $name {
            /// Every well-known value, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The canonical snake_case name.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Custom(s) => s.as_str(),
                }
            }

            /// Reads a name: case, spaces and hyphens don't matter, and common aliases
            /// are accepted. Unknown names become `Custom`. Empty names are refused.
            pub fn parse(text: &str) -> Option<Self> {
                let c = crate::model::names::canonical(text);
                if c.is_empty() {
                    return None;
                }
                Some(match c.as_str() {
                    $( $text $(| $alias)* => $name::$variant, )+
                    _ => $name::Custom(c),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| serde::de::Error::custom("empty name"))
            }
        }
    };
}

pub(crate) use open_vocabulary;
