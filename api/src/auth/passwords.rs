//! Passwords: NFKC-normalised, pre-hashed with HMAC-SHA-256 under a server-side pepper (so long
//! passwords are neither truncated at bcrypt's 72 bytes nor refused), then bcrypt. Handlers go
//! through [`PasswordHasher::run`]: on bcrypt's own low-priority threads, never on every core.

use std::sync::{mpsc, Arc, Mutex, OnceLock};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Secret;
use crate::domain::{normalise_password, NewPassword};
use crate::error::ApiError;

#[derive(Clone)]
pub struct PasswordHasher {
    pepper: Secret,
    cost: u32,
    /// A hash of a random password, verified against when the account does not exist, so an unknown
    /// username takes as long as a wrong password.
    dummy: Arc<OnceLock<String>>,
    /// Where bcrypt runs: threads of its own, fewer than the cores and at a lower CPU priority, so
    /// a burst of logins queues there and takes only the time the readers leave.
    workers: mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Starts `count` threads that run password jobs at nice 10 (Linux: the nice value is per thread).
fn start_workers(count: usize) -> mpsc::Sender<Job> {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..count {
        let receiver = receiver.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("bcrypt-{n}"))
            .spawn(move || {
                #[cfg(target_os = "linux")]
                // SAFETY: setpriority only reads its arguments; `who = 0` is the calling thread.
                unsafe {
                    libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                }
                loop {
                    let job = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // every hasher is gone
                    }
                }
            });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start a bcrypt thread");
        }
    }
    sender
}

impl PasswordHasher {
    pub fn new(pepper: Secret, cost: u32) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        PasswordHasher {
            pepper,
            cost,
            dummy: Arc::new(OnceLock::new()),
            workers: start_workers(cores.saturating_sub(1).max(1)),
        }
    }

    /// Runs password work on the bcrypt threads, never on the async executor.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&PasswordHasher) -> T + Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        let hasher = self.clone();
        let job: Job = Box::new(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&hasher)));
            let _ = done.send(outcome);
        });
        self.workers
            .send(job)
            .map_err(|_| ApiError::internal(anyhow::anyhow!("the bcrypt threads are gone")))?;
        match result.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(ApiError::internal(anyhow::anyhow!(
                "password work panicked"
            ))),
            Err(_) => Err(ApiError::internal(anyhow::anyhow!(
                "the bcrypt threads are gone"
            ))),
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

    #[tokio::test]
    async fn password_work_runs_off_the_executor_at_a_lower_priority() {
        let hasher = hasher();
        let caller = std::thread::current().id();
        let (thread, name) = hasher
            .run(|_| {
                let current = std::thread::current();
                (current.id(), current.name().map(str::to_owned))
            })
            .await
            .unwrap();
        assert_ne!(thread, caller);
        assert!(name.unwrap().starts_with("bcrypt-"));
        #[cfg(target_os = "linux")]
        {
            // SAFETY: getpriority only reads its arguments; `who = 0` is the calling thread.
            let nice = hasher
                .run(|_| unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) })
                .await
                .unwrap();
            assert_eq!(nice, 10);
        }
        let outcome = hasher.run(|_| -> u8 { panic!("a bad job") }).await;
        assert!(outcome.is_err(), "a panic is an error, not a crash");
        assert_eq!(
            hasher.run(|_| 7).await.unwrap(),
            7,
            "the threads survive it"
        );
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
