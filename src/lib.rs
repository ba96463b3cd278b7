//! codevs: a static site generator for status-code reference sites. One YAML file per code
//! in; a page for every code, every protocol and every pair of codes out, in every language.
//!
//! The pipeline, one module per step:
//! 1. [`load`]: read and validate `content/` into the [`model`];
//! 2. [`derive`]: URLs and the facts of every pair;
//! 3. [`render`]: Markdown, sentences and templates;
//! 4. [`write`]: staging and the atomic swap.
//!
//! [`build`] runs the four in order.

pub mod build;
pub mod cache;
pub mod derive;
pub mod error;
pub mod i18n;
pub mod links;
pub mod load;
pub mod model;
pub mod new;
pub mod particles;
pub mod render;
pub mod serve;
pub mod text;
pub mod write;

pub use build::{
    BuildOptions, BuildReport, CheckReport, Progress, build, build_with_progress, check,
};
pub use error::{Diagnostic, Error, Result};
