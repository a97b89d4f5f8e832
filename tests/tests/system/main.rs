//! Black-box tests of the running application. One test binary, one module per area, so the
//! harness is compiled and linked once.

mod articles;
mod auth;
mod categories;
mod cli;
mod comments;
mod contract;
mod frontend;
mod health;
mod home;
mod members;
mod site;
mod views;
