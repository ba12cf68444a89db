//! asyncmod: finds and fixes async anti-patterns in C# code bases, a whole
//! solution at a time. The engine (workspace → syntax → index → plan → edit)
//! knows nothing of terminals; `cli` and `report` are its front end.

pub mod apply;
pub mod atom;
pub mod cli;
pub mod config;
pub mod edit;
pub mod engine;
mod hash;
pub mod index;
mod intern;
pub mod model;
pub mod plan;
pub mod prefilter;
pub mod report;
pub mod source;
pub mod syntax;
pub mod transforms;
pub mod workspace;
