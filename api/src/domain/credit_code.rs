use std::fmt;

/// A unified social credit code (统一社会信用代码): 18 characters whose last one is the check
/// character of GB 32100-2015.
#[derive(Clone, PartialEq, Eq)]
pub struct CreditCode(String);

/// The code's alphabet: digits and capitals without I, O, S, V, Z; a character's value is its index.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// 3^i mod 31 for positions 1 to 17.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

impl CreditCode {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let code: String = raw.trim().to_uppercase();
        let values: Vec<u32> = code
            .chars()
            .map(|c| ALPHABET.find(c).map(|i| i as u32))
            .collect::<Option<_>>()
            .ok_or("contains a character a credit code cannot have")?;
        if values.len() != 18 {
            return Err("must be 18 characters");
        }
        let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
        let check = (31 - sum % 31) % 31;
        if values[17] != check {
            return Err("its check character is wrong (GB 32100-2015)");
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreditCode({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_code_passes_and_is_upper_cased() {
        assert_eq!(
            CreditCode::parse("91350100m000100y43").unwrap().as_str(),
            "91350100M000100Y43"
        );
    }

    #[test]
    fn a_wrong_check_character_is_refused() {
        assert!(CreditCode::parse("91350100M000100Y44").is_err());
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        assert!(CreditCode::parse("91350100M000100Y4").is_err());
        assert!(CreditCode::parse("91350100M000100I43").is_err());
    }
}
