//! The hasher of the tables a run looks things up in most: names (the interner, the index's name tables, the
//! grammar's field ids), type numbers and questions, millions of times in a run.
//!
//! The standard library's SipHash resists keys chosen to collide, which guards a server against its clients, not a
//! run against the code base it reads; on the .NET reference source it was 2 % of the run's CPU. The seed is
//! fixed, so a table lays out the same on every run, though no result depends on that: tables are looked up, and
//! what comes out of one in table order is sorted.

/// A map with the fast hasher.
pub type Map<K, V> = std::collections::HashMap<K, V, State>;

/// A set with the fast hasher.
pub type Set<T> = std::collections::HashSet<T, State>;

/// The fast hasher's builder (`Map::default()`, `Set::default()`).
pub type State = foldhash::fast::FixedState;
