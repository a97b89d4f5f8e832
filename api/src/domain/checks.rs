use super::Invalid;
use crate::error::{ApiError, FieldError};

/// Collects every invalid field of a request, so the client hears about all of them at once.
#[derive(Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    pub fn check<T>(&mut self, field: &str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.errors
                    .push(FieldError::new(field, invalid.code, invalid.message));
                None
            }
        }
    }

    /// An optional text: absent or blank means none.
    pub fn optional(
        &mut self,
        field: &str,
        raw: Option<&str>,
        parse: impl Fn(&str) -> Result<String, Invalid>,
    ) -> Option<String> {
        let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
        self.check(field, parse(raw))
    }

    pub fn refuse(&mut self, field: &str, code: &'static str, message: &str) {
        self.errors.push(FieldError::new(field, code, message));
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}
