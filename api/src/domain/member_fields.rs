//! The fields a member types: each parsed once, with the rule it breaks named for the client.

use std::fmt;

use unicode_normalization::UnicodeNormalization as _;

/// Why a field was refused: a stable code and a message (Chinese UIs map the code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            code,
            message: message.into(),
        }
    }
}

fn nfkc(raw: &str) -> String {
    raw.nfkc().collect()
}

/// 3–32 letters of any script, digits, `_` and `-`, NFKC-normalised; unique without regard to case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username {
    display: String,
    key: String,
}

impl Username {
    pub const MIN: usize = 3;
    pub const MAX: usize = 32;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let display = nfkc(raw.trim());
        let length = display.chars().count();
        if !(Self::MIN..=Self::MAX).contains(&length) {
            return Err(Invalid::new(
                "length",
                format!("must be {} to {} characters", Self::MIN, Self::MAX),
            ));
        }
        if !display
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(Invalid::new(
                "characters",
                "may contain letters, digits, _ and - only",
            ));
        }
        Ok(Username {
            key: Self::key_of(&display),
            display,
        })
    }

    /// The form uniqueness and look-ups use.
    pub fn key_of(raw: &str) -> String {
        nfkc(raw.trim()).to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.display
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A new password: NFKC-normalised, 8–128 characters, not a common one, not the username.
#[derive(Clone)]
pub struct NewPassword(String);

const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

impl NewPassword {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str, username: Option<&str>) -> Result<Self, Invalid> {
        let password = normalise_password(raw);
        let length = password.chars().count();
        if length < Self::MIN {
            return Err(Invalid::new(
                "too_short",
                format!("must be at least {} characters", Self::MIN),
            ));
        }
        if length > Self::MAX {
            return Err(Invalid::new(
                "too_long",
                format!("must be at most {} characters", Self::MAX),
            ));
        }
        let lower = password.to_lowercase();
        if COMMON_PASSWORDS
            .lines()
            .any(|common| common.trim() == lower)
        {
            return Err(Invalid::new(
                "too_common",
                "is one of the most common passwords",
            ));
        }
        if username.is_some_and(|u| Username::key_of(u) == lower) {
            return Err(Invalid::new("same_as_username", "must not be the username"));
        }
        Ok(NewPassword(password))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// The same normalisation when a password is set and when it is checked (NFC and NFD, full-width
/// and half-width forms all match).
pub fn normalise_password(raw: &str) -> String {
    nfkc(raw)
}

/// An e-mail address: one `@`, a dotted domain, no spaces; compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim();
        let valid = email.len() <= 254
            && !email.chars().any(char::is_whitespace)
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if !valid {
            return Err(Invalid::new("format", "is not an e-mail address"));
        }
        Ok(Email(email.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A phone number: digits with optional `+`, spaces, `-` and parentheses, 5–20 characters.
pub fn parse_phone(raw: &str) -> Result<String, Invalid> {
    let phone = raw.trim();
    let ok = (5..=20).contains(&phone.chars().count())
        && phone.chars().any(|c| c.is_ascii_digit())
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if ok {
        Ok(phone.to_owned())
    } else {
        Err(Invalid::new("format", "is not a phone number"))
    }
}

/// Free text such as a name or an address: trimmed, not blank, at most `max` characters.
pub fn parse_text(raw: &str, max: usize) -> Result<String, Invalid> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Invalid::new("blank", "must not be blank"));
    }
    if text.chars().count() > max {
        return Err(Invalid::new(
            "too_long",
            format!("must be at most {max} characters"),
        ));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Invalid::new(
            "characters",
            "must not contain control characters",
        ));
    }
    Ok(text.to_owned())
}

/// A web address: http or https only.
pub fn parse_website(raw: &str) -> Result<String, Invalid> {
    let text = parse_text(raw, 200)?;
    match url::Url::parse(&text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(text),
        _ => Err(Invalid::new("format", "must be an http or https address")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_of_any_script_are_normalised_and_keyed_without_case() {
        let name = Username::parse("  Ｚhou_辉-1 ").unwrap();
        assert_eq!(name.as_str(), "Zhou_辉-1");
        assert_eq!(name.key(), "zhou_辉-1");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("has space").is_err());
        assert!(Username::parse("a@b").is_err());
        assert!(Username::parse(&"字".repeat(33)).is_err());
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        assert_eq!(
            NewPassword::parse("short7!", None).unwrap_err().code,
            "too_short"
        );
        assert_eq!(
            NewPassword::parse("12345678", None).unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            NewPassword::parse("Password", None).unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            NewPassword::parse("zhouhui2007", Some("ZhouHui2007"))
                .unwrap_err()
                .code,
            "same_as_username"
        );
        assert_eq!(
            NewPassword::parse(&"a".repeat(129), None).unwrap_err().code,
            "too_long"
        );
        assert!(
            NewPassword::parse("秘书工作四要", None).is_err(),
            "6 characters"
        );
        assert!(NewPassword::parse("tq8-vault", None).is_ok());
    }

    #[test]
    fn full_width_and_decomposed_forms_normalise_alike() {
        assert_eq!(normalise_password("１２３４５６７８"), "12345678");
        assert_eq!(
            normalise_password("cafe\u{301}"),
            normalise_password("caf\u{e9}")
        );
    }

    #[test]
    fn emails_phones_and_websites_are_checked() {
        assert!(Email::parse("zhou@example.org").is_ok());
        for bad in [
            "zhou",
            "zhou@",
            "@example.org",
            "zhou@example",
            "zh ou@example.org",
            "a@b@c.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(parse_phone("+86 0745-1234567").is_ok());
        assert!(parse_phone("call me").is_err());
        assert!(parse_website("https://example.org").is_ok());
        assert!(parse_website("javascript:alert(1)").is_err());
    }
}
