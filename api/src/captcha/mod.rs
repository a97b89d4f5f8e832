//! Captchas: four digits drawn with noise, as on the seed page. The answer is kept only as a hash, in
//! the database so any instance can check it; it lives five minutes and the first attempt, right or
//! wrong, consumes it. A captcha is bound to the client that asked for it.

pub mod handlers;
pub mod queries;

use sha2::{Digest as _, Sha256};

use crate::hex::hex;

/// How long an unanswered captcha stays valid.
pub const CAPTCHA_TTL_SECONDS: i64 = 5 * 60;

/// Hash of the answer, salted with the captcha's id so equal answers hash differently.
pub fn answer_hash(id: &str, answer: &str) -> String {
    hex(&Sha256::digest(format!("{id}:{}", answer.trim()).as_bytes())[..])
}

/// Draws four digits with noise; returns the answer and the PNG.
pub fn draw() -> Option<(String, Vec<u8>)> {
    use captcha::filters::{Dots, Noise, Wave};
    // The crate's font has no 0 (it would be confused with O anyway): digits 1–9, 6,561 answers.
    let digits: Vec<char> = ('1'..='9').collect();
    let mut image = captcha::Captcha::new();
    image
        .set_chars(&digits)
        .add_chars(4)
        .apply_filter(Noise::new(0.2))
        .apply_filter(Wave::new(2.0, 8.0))
        .view(160, 60)
        .apply_filter(Dots::new(6));
    let answer = image.chars_as_string();
    let png = image.as_png()?;
    (answer.len() == 4).then_some((answer, png))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_captcha_is_four_digits_and_a_png() {
        let (answer, png) = draw().unwrap();
        assert_eq!(answer.len(), 4);
        assert!(answer.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn answer_hashes_depend_on_the_id() {
        assert_ne!(answer_hash("a", "1234"), answer_hash("b", "1234"));
        assert_eq!(answer_hash("a", " 1234 "), answer_hash("a", "1234"));
    }
}
