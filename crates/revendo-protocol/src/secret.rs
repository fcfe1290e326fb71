//! The partner API key: held so that it cannot leak into a log line, an error message or
//! a serialized value by accident.

use std::fmt;

use zeroize::Zeroizing;

/// Revendo's partner API key, sent only as the `X-Revendo-API-Key` header.
///
/// It has no `Display` and no `Serialize`; its `Debug` prints `ApiKey(<redacted>)`; its
/// memory is overwritten when it is dropped. The text is reachable only through
/// [`ApiKey::expose`], which the client calls to set the header.
#[derive(Clone)]
pub struct ApiKey(Zeroizing<String>);

impl ApiKey {
    /// Holds a key as read from the keychain or typed by staff; surrounding whitespace
    /// (a pasted line break) is dropped.
    pub fn new(key: impl Into<String>) -> ApiKey {
        let mut key = Zeroizing::new(key.into());
        let trimmed = key.trim();
        if trimmed.len() != key.len() {
            key = Zeroizing::new(trimmed.to_owned());
        }
        ApiKey(key)
    }

    /// The key itself, for the request header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the key is empty: nothing to send.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let key = ApiKey::new("sk_live_4f9a2c");

        let shown = format!("{key:?} {key:#?} {:?}", Some(&key));

        assert!(!shown.contains("sk_live"), "{shown}");
        assert!(shown.contains("ApiKey(<redacted>)"));
    }

    #[test]
    fn a_pasted_line_break_is_not_part_of_the_key() {
        assert_eq!(ApiKey::new(" sk_live_4f9a2c\n").expose(), "sk_live_4f9a2c");
        assert!(ApiKey::new("  ").is_empty());
    }
}
