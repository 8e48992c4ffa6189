//! Pseudonymous ids: HMAC-SHA-256 of the id under a key the user keeps.

use crate::{limits, RecordRef, Result, TouchpointError};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A key to replace ids with pseudonyms: the pseudonym of an id is the lowercase hex of
/// HMAC-SHA-256(key, the id's UTF-8 bytes), 64 characters. The same key and id always give
/// the same pseudonym, so ids still tie together and the pseudonym can be computed again
/// elsewhere (Python: `hmac.new(key, id.encode(), hashlib.sha256).hexdigest()`); without
/// the key an id cannot be found from its pseudonym. The key is the user's to keep: it is
/// never stored in a dataset, never serialized, and its `Debug` form does not show it.
#[derive(Clone)]
pub struct PseudonymKey {
    mac: Hmac<Sha256>,
}

impl PseudonymKey {
    /// A key from its bytes (text keys: their UTF-8 bytes). A key shorter than
    /// [`limits::MIN_PSEUDONYM_KEY_BYTES`] (16) is an `INVALID_CONFIG` error on option
    /// `pseudonym_key`.
    pub fn new(key: impl AsRef<[u8]>) -> Result<Self> {
        let key = key.as_ref();
        if key.len() < limits::MIN_PSEUDONYM_KEY_BYTES {
            return Err(TouchpointError::config(
                "pseudonym_key",
                format!(
                    "is {} bytes long; a key needs at least {} bytes (32 random bytes are best)",
                    key.len(),
                    limits::MIN_PSEUDONYM_KEY_BYTES
                ),
            ));
        }
        // HMAC takes a key of any length: this cannot fail.
        let mac = Hmac::<Sha256>::new_from_slice(key)
            .map_err(|e| TouchpointError::config("pseudonym_key", e.to_string()))?;
        Ok(PseudonymKey { mac })
    }

    /// The pseudonym of `id`: lowercase hex of HMAC-SHA-256(key, id).
    pub fn pseudonym(&self, id: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(2 * digest.len());
        for b in digest {
            hex.push(char::from(HEX[usize::from(b >> 4)]));
            hex.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        hex
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl std::fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PseudonymKey(..)")
    }
}

/// The pseudonym of `id` under `key` (see [`PseudonymKey`]), as the readers compute it with
/// [`ReadOptions::pseudonym_key`](crate::ReadOptions::pseudonym_key). A key shorter than 16
/// bytes is an `INVALID_CONFIG` error; an id the readers would refuse (empty, whitespace
/// only, longer than 1024 bytes, control characters) is an `INVALID_RECORD` error on field
/// `id` (which does not repeat the id).
///
/// ```
/// let p = touchpoint::pseudonymize(b"a key of 16 bytes or more", "ana").unwrap();
/// assert_eq!(p.len(), 64);
/// ```
pub fn pseudonymize(key: &[u8], id: &str) -> Result<String> {
    let key = PseudonymKey::new(key)?;
    limits::check_id(id, RecordRef::Record(1), "id")?;
    Ok(key.pseudonym(id))
}

/// `id`, or its pseudonym when there is a key.
pub(crate) fn pseudonym(key: &Option<PseudonymKey>, id: String) -> String {
    match key {
        None => id,
        Some(k) => k.pseudonym(&id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_4231_test_vector() {
        // RFC 4231, test case 2: key "Jefe" is too short for us, so test case 1's shape with
        // a 20-byte key of 0x0b and "Hi There".
        let key = PseudonymKey::new([0x0b; 20]).unwrap();
        assert_eq!(
            key.pseudonym("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }

    #[test]
    fn short_keys_are_refused_and_the_key_is_never_shown() {
        let e = PseudonymKey::new(b"fifteen bytes!!").unwrap_err();
        assert_eq!(e.code(), "INVALID_CONFIG");
        assert!(e.to_string().contains("pseudonym_key"), "{e}");
        let key = PseudonymKey::new(b"sixteen bytes!!!").unwrap();
        assert_eq!(format!("{key:?}"), "PseudonymKey(..)");
        let e = pseudonymize(b"sixteen bytes!!!", " \t").unwrap_err();
        assert_eq!(e.code(), "INVALID_RECORD");
    }
}
