//! HTTP for comments, one file per audience: readers, members writing their own, moderators.

pub mod members;
pub mod moderators;
pub mod readers;
