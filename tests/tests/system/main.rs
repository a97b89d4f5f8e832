//! Black-box tests of the running application. One test binary, one module per area, so the
//! harness is compiled and linked once.

mod articles;
mod auth;
mod categories;
mod cli;
mod comments;
mod contract;
mod discovery;
mod editorial;
mod faults;
mod frontend;
mod health;
mod home;
mod media;
mod members;
mod nginx;
mod pages;
mod pages_lists;
mod permissions;
mod replicas;
mod scripts;
mod search;
mod site;
mod views;
