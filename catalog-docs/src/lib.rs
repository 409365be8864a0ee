#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod drift;
mod fields;
mod html;
pub mod import;
mod markdown;
pub mod openapi;
pub mod page;
mod sections;
mod table;
mod text;
