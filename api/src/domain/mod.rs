//! Newtypes that parse request input once, at the edge, into values the rest of the code can trust.

mod checks;
mod credit_code;
mod member_fields;
mod page;

pub use checks::Checks;
pub use credit_code::CreditCode;
pub use member_fields::{
    normalise_password, parse_phone, parse_text, parse_website, Email, Invalid, NewPassword,
    Username,
};
pub use page::{parse_count, Pagination};
