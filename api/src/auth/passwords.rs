//! Passwords: NFKC-normalised, pre-hashed with HMAC-SHA-256 under a server-side pepper (so long
//! passwords are neither truncated at bcrypt's 72 bytes nor refused), then bcrypt. Callers run these
//! on the blocking pool.

use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Secret;
use crate::domain::{normalise_password, NewPassword};

#[derive(Clone)]
pub struct PasswordHasher {
    pepper: Secret,
    cost: u32,
    /// A hash of a random password, verified against when the account does not exist, so an unknown
    /// username takes as long as a wrong password.
    dummy: Arc<OnceLock<String>>,
}

impl PasswordHasher {
    pub fn new(pepper: Secret, cost: u32) -> Self {
        PasswordHasher {
            pepper,
            cost,
            dummy: Arc::new(OnceLock::new()),
        }
    }

    fn prehash(&self, password: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.pepper.expose())
            .expect("HMAC takes keys of any length");
        mac.update(normalise_password(password).as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    pub fn hash(&self, password: &NewPassword) -> Result<String, bcrypt::BcryptError> {
        bcrypt::hash(self.prehash(password.expose()), self.cost)
    }

    pub fn verify(&self, password: &str, hash: &str) -> bool {
        bcrypt::verify(self.prehash(password), hash).unwrap_or(false)
    }

    /// Spends a verification's time for an account that does not exist.
    pub fn verify_dummy(&self, password: &str) {
        let dummy = self.dummy.get_or_init(|| {
            let random = uuid::Uuid::new_v4().to_string();
            bcrypt::hash(self.prehash(&random), self.cost).unwrap_or_default()
        });
        let _ = self.verify(password, dummy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasher() -> PasswordHasher {
        PasswordHasher::new(Secret::from_bytes(b"pepper-for-tests-only".to_vec()), 4)
    }

    #[test]
    fn long_chinese_passwords_are_not_truncated() {
        let hasher = hasher();
        let long = "秘".repeat(64);
        let hash = hasher
            .hash(&NewPassword::parse(&long, None).unwrap())
            .unwrap();
        assert!(hasher.verify(&long, &hash));
        // Equal in the first 72 bytes (24 characters of 3 bytes), different after.
        let mut other = "秘".repeat(30);
        other.push_str(&"书".repeat(34));
        assert!(!hasher.verify(&other, &hash));
    }

    #[test]
    fn normalised_forms_verify_alike() {
        let hasher = hasher();
        let hash = hasher
            .hash(&NewPassword::parse("caf\u{e9}-latte-1", None).unwrap())
            .unwrap();
        assert!(hasher.verify("cafe\u{301}-latte-1", &hash));
        assert!(hash.starts_with("$2b$04$"));
    }
}
