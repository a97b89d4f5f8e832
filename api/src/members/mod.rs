//! Members: personal (个人会员) and enterprise (企业会员) accounts — registration, their own profile
//! and password, and the admins' member management and enterprise review. Below `sessions` (which
//! signs members in, and answers a registration with a session) and above `auth`.

pub mod admin_handlers;
pub mod dto;
mod fields;
pub mod first_admin;
pub mod handlers;
pub mod model;
pub mod password;
pub mod profile;
pub mod queries;
pub mod registration;
pub mod standing;
