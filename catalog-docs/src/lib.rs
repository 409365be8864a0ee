#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod drift;
pub mod import;
pub mod page;
