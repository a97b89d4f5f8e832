//! Members: personal (个人会员) and enterprise (企业会员) accounts, registration, their own profile,
//! and the admin's member management and enterprise review.

pub mod admin;
pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;
