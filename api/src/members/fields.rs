//! The limits and parsers a member's fields share between registration and the profile.

use crate::domain::{parse_text, CreditCode, Email, Invalid};

pub const NAME_MAX: usize = 50;
pub const SHORT_TEXT_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 200;
pub const INTRODUCTION_MAX: usize = 2_000;

pub fn text(max: usize) -> impl Fn(&str) -> Result<String, Invalid> {
    move |raw| parse_text(raw, max)
}

pub fn email_text(raw: &str) -> Result<String, Invalid> {
    Email::parse(raw).map(|e| e.as_str().to_owned())
}

pub fn credit_code_text(raw: &str) -> Result<String, Invalid> {
    CreditCode::parse(raw)
        .map(|c| c.as_str().to_owned())
        .map_err(|message| Invalid {
            code: "check_character",
            message: message.to_owned(),
        })
}
