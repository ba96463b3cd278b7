//! Step 2 of a build: what follows from the loaded content. The URL of every page, and the
//! facts of every pair of codes (what they share, what differs), decided by code, not prose.

pub mod pairs;
pub mod urls;
