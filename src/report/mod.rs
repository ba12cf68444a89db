//! The ways to show a run's result: unified diff, check lines, JSON, summary, stats. Printers only consume
//! results (`crate::model`); they never decide.

mod anchored;
pub mod baseline;
pub mod diff;
pub mod formats;
pub mod json;
pub mod stats;
pub mod summary;
