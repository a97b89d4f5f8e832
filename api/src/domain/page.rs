use crate::error::{ApiError, FieldError};

/// Largest page a list returns (WordPress and Ghost cap theirs at 100 too).
pub const MAX_PER_PAGE: i64 = 100;
pub const DEFAULT_PER_PAGE: i64 = 20;
/// Pages beyond this are refused: deep offsets cost the database and no reader goes there.
pub const MAX_PAGE: i64 = 100_000;

/// A validated `page` (from 1) and `per_page` (1 to 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    page: i64,
    per_page: i64,
}

impl Pagination {
    /// Parses the raw query values; an out-of-range or non-numeric value is a 422 naming the field.
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Self, ApiError> {
        let mut errors = Vec::new();
        let page = parse_field("page", page, 1, 1, MAX_PAGE, &mut errors);
        let per_page = parse_field(
            "per_page",
            per_page,
            DEFAULT_PER_PAGE,
            1,
            MAX_PER_PAGE,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(Pagination { page, per_page })
    }

    pub fn new(page: i64, per_page: i64) -> Self {
        Pagination {
            page: page.clamp(1, MAX_PAGE),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    pub fn page(&self) -> i64 {
        self.page
    }

    pub fn per_page(&self) -> i64 {
        self.per_page
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn total_pages(&self, total: i64) -> i64 {
        (total + self.per_page - 1) / self.per_page
    }
}

fn parse_field(
    field: &str,
    raw: Option<&str>,
    default: i64,
    min: i64,
    max: i64,
    errors: &mut Vec<FieldError>,
) -> i64 {
    let Some(raw) = raw else { return default };
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.push(FieldError::new(
                field,
                "out_of_range",
                format!("{field} must be a whole number from {min} to {max}"),
            ));
            default
        }
    }
}

/// A whole-number query parameter from `min` to `max` (`default` when absent); 422 naming it otherwise.
pub fn parse_count(
    field: &str,
    raw: Option<&str>,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ApiError> {
    let mut errors = Vec::new();
    let value = parse_field(field, raw, default, min, max, &mut errors);
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(ApiError::Validation(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_page_one_of_twenty() {
        assert_eq!(
            Pagination::parse(None, None).unwrap(),
            Pagination::new(1, 20)
        );
    }

    #[test]
    fn out_of_range_values_name_their_field() {
        for (page, per_page, field) in [
            (Some("0"), None, "page"),
            (Some("-1"), None, "page"),
            (Some("1e12"), None, "page"),
            (None, Some("0"), "per_page"),
            (None, Some("1000"), "per_page"),
            (None, Some("ten"), "per_page"),
        ] {
            let Err(ApiError::Validation(errors)) = Pagination::parse(page, per_page) else {
                panic!("{page:?} {per_page:?} should be refused");
            };
            assert_eq!(errors[0].field, field);
        }
    }

    #[test]
    fn offsets_and_page_counts_follow_the_page_size() {
        let p = Pagination::new(3, 10);
        assert_eq!(p.offset(), 20);
        assert_eq!(p.total_pages(0), 0);
        assert_eq!(p.total_pages(21), 3);
    }
}
