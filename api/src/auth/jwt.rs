//! Access tokens: HS256 JWTs with `sub`, `role`, `kind`, `iat`, `nbf`, `exp`, `iss`, `aud` and the
//! member's token version. Validation pins HS256 and requires `exp`, `iss`, `aud` and `sub`.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;

pub const ISSUER: &str = "kanwu";
pub const AUDIENCE: &str = "kanwu-api";
/// Access tokens live 15 minutes; the refresh cookie renews them.
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
const LEEWAY_SECONDS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// The member's id.
    pub sub: String,
    pub role: String,
    pub kind: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    /// The member's token version when issued; a newer version in the database revokes the token.
    pub ver: i32,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    pub fn new(secret: &Secret) -> Self {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
        }
    }

    pub fn issue(
        &self,
        member_id: i64,
        role: &str,
        kind: &str,
        version: i32,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: member_id.to_string(),
            role: role.to_owned(),
            kind: kind.to_owned(),
            iat: now,
            nbf: now,
            exp: now + ACCESS_TOKEN_SECONDS,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            ver: version,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECONDS;
        decode::<Claims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    fn keys() -> TokenKeys {
        TokenKeys::new(&Secret::from_bytes(
            b"0123456789abcdef0123456789abcdef".to_vec(),
        ))
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    fn claims_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let now = chrono::Utc::now().timestamp();
        let mut claims = serde_json::json!({
            "sub": "1", "role": "member", "kind": "personal", "iat": now, "nbf": now, "exp": now + 600,
            "iss": ISSUER, "aud": AUDIENCE, "ver": 0
        });
        edit(&mut claims);
        claims.to_string()
    }

    fn signed(alg: Algorithm, claims: &str, secret: &[u8]) -> String {
        let value: serde_json::Value = serde_json::from_str(claims).unwrap();
        encode(&Header::new(alg), &value, &EncodingKey::from_secret(secret)).unwrap()
    }

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_we_issued_verifies() {
        let token = keys().issue(7, "admin", "personal", 3).unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!(
            (claims.sub.as_str(), claims.role.as_str(), claims.ver),
            ("7", "admin", 3)
        );
    }

    #[test]
    fn unsigned_tokens_are_refused() {
        let header = b64(br#"{"alg":"none","typ":"JWT"}"#);
        let token = format!("{header}.{}.", b64(claims_with(|_| {}).as_bytes()));
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn other_algorithms_and_keys_are_refused() {
        assert!(keys()
            .verify(&signed(Algorithm::HS512, &claims_with(|_| {}), SECRET))
            .is_none());
        assert!(keys()
            .verify(&signed(
                Algorithm::HS256,
                &claims_with(|_| {}),
                b"another-secret-of-32-bytes-length!"
            ))
            .is_none());
    }

    #[test]
    fn edited_claims_break_the_signature() {
        let token = keys().issue(7, "member", "personal", 0).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            b64(claims_with(|c| c["role"] = "admin".into()).as_bytes()),
            parts[2]
        );
        assert!(keys().verify(&forged).is_none());
    }

    #[test]
    fn expired_and_not_yet_valid_tokens_are_refused() {
        let now = chrono::Utc::now().timestamp();
        let expired = claims_with(|c| c["exp"] = (now - LEEWAY_SECONDS as i64 - 1).into());
        assert!(keys()
            .verify(&signed(Algorithm::HS256, &expired, SECRET))
            .is_none());
        let early = claims_with(|c| c["nbf"] = (now + 600).into());
        assert!(keys()
            .verify(&signed(Algorithm::HS256, &early, SECRET))
            .is_none());
    }

    #[test]
    fn foreign_or_missing_issuer_audience_or_expiry_are_refused() {
        for edit in [
            (|c: &mut serde_json::Value| c["iss"] = "someone-else".into())
                as fn(&mut serde_json::Value),
            |c| c["aud"] = "another-api".into(),
            |c| {
                c.as_object_mut().unwrap().remove("iss");
            },
            |c| {
                c.as_object_mut().unwrap().remove("aud");
            },
            |c| {
                c.as_object_mut().unwrap().remove("exp");
            },
            |c| {
                c.as_object_mut().unwrap().remove("sub");
            },
        ] {
            let claims = claims_with(edit);
            assert!(
                keys()
                    .verify(&signed(Algorithm::HS256, &claims, SECRET))
                    .is_none(),
                "{claims}"
            );
        }
    }
}
