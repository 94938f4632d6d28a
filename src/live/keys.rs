//! The live workshop's secrets: random tokens for its two links, and the
//! signatures its forms and ballots carry, all checked in constant time.

use crate::session::LiveKeys;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A new random token: 128 bits from the system's secure generator, as
/// 32 hexadecimal digits, fit for a URL.
pub fn token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|err| anyhow::anyhow!("cannot draw a random link: {err}"))?;
    Ok(hex(&bytes))
}

/// Fresh keys for a session.
pub fn fresh() -> anyhow::Result<LiveKeys> {
    Ok(LiveKeys {
        join: token()?,
        facilitator: token()?,
        secret: token()?,
    })
}

/// Whether two strings are equal, taking the same time wherever they
/// differ (their length is not secret).
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// What a form or a ballot is signed with: HMAC-SHA-256 of `what` under
/// the session's secret, in hexadecimal.
pub fn sign(keys: &LiveKeys, what: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(keys.secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(what.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// The token a participant's forms carry.
pub fn participant_form(keys: &LiveKeys) -> String {
    sign(keys, "form:participant")
}

/// The token the facilitator's forms carry: a participant never sees it.
pub fn facilitator_form(keys: &LiveKeys) -> String {
    sign(keys, "form:facilitator")
}

/// The ballot that lets the person called `key` (a name as
/// [`crate::session::person_key`] folds it) change their own vote.
pub fn ballot(keys: &LiveKeys, key: &str) -> String {
    sign(keys, &format!("ballot:{key}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_fit_a_url() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn comparison_needs_every_byte() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert!(!same("", "a"));
    }

    #[test]
    fn signatures_depend_on_the_secret_and_the_message() {
        let keys = fresh().unwrap();
        let other = fresh().unwrap();
        assert_eq!(ballot(&keys, "ana"), ballot(&keys, "ana"));
        assert_ne!(ballot(&keys, "ana"), ballot(&keys, "ben"));
        assert_ne!(ballot(&keys, "ana"), ballot(&other, "ana"));
        assert_ne!(participant_form(&keys), facilitator_form(&keys));
    }
}
