#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod drift;
mod html;
pub mod import;
pub mod page;
mod sections;
