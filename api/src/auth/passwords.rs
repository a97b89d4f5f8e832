//! Passwords: NFKC-normalised, pre-hashed with HMAC-SHA-256 under a server-side pepper (so long
//! passwords are neither truncated at bcrypt's 72 bytes nor refused), then bcrypt. Handlers go
//! through [`PasswordHasher::run`]: on the blocking pool, and never on every core at once.

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
    /// bcrypt runs at most this many at a time: a burst of logins queues here instead of taking
    /// every core from the readers (one core is left to the rest of the server).
    slots: Arc<tokio::sync::Semaphore>,
}

impl PasswordHasher {
    pub fn new(pepper: Secret, cost: u32) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        PasswordHasher {
            pepper,
            cost,
            dummy: Arc::new(OnceLock::new()),
            slots: Arc::new(tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1))),
        }
    }

    /// Runs password work on the blocking pool once a bcrypt slot is free.
    pub async fn run<T, F>(&self, work: F) -> Result<T, crate::error::ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&PasswordHasher) -> T + Send + 'static,
    {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(crate::error::ApiError::internal)?;
        let hasher = self.clone();
        Ok(actix_web::web::block(move || work(&hasher)).await?)
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
