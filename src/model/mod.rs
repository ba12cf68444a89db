//! The vocabulary every layer shares: which transform, what happened at a site and why, and what a run
//! produced. It sits below everything that plans, runs or prints, so those layers can all speak of a site or
//! a result without depending on one another.

mod reason;
mod run;
mod site;
mod transform_id;

pub use reason::{Code, Context, Finding, Reason};
pub use run::{ChangeSet, FileChange, Round, RunResult, RunStats};
pub use site::{fingerprint, FileError, Outcome, Resolution, Safety, SiteReport};
pub use transform_id::{TransformId, SUPPRESSIONS};
