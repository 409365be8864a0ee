#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// docs.rs builds with every feature and marks what each item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod drift;
mod html;
pub mod import;
mod markdown;
pub mod openapi;
pub mod page;
mod sections;
mod table;
mod text;
