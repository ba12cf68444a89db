//! Answers the index computes once per run of the planner and hands out again: planning asks the same structural
//! questions (a method's signature group, a type's bases and subtypes) once per call site, and on a large solution
//! recomputing them was most of the planning time.
//!
//! The index records every name a computation asks about (see `Index::want`), so an answer cached here was
//! recorded the first time it was computed; the lazy rounds see the same questions either way.

use std::hash::Hash;
use std::sync::Mutex;

use crate::hash::Map;

/// A map from a question to its answer, shared by the planner's threads (the index's own questions, and those
/// the planner keeps in `plan::derived`).
pub struct Memo<K, V> {
    answers: Mutex<Map<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new() -> Self {
        Memo { answers: Mutex::new(Map::default()) }
    }

    /// The answer for `key`, computed by `compute` the first time. Computed outside the lock: a computation may
    /// ask other memoized questions, and two threads computing the same answer at once agree.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> V {
        if let Some(v) = self.lock().get(&key) {
            return v.clone();
        }
        let v = compute();
        self.lock().entry(key).or_insert(v).clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Map<K, V>> {
        self.answers.lock().expect("memo lock is never poisoned: no code panics while holding it")
    }
}

impl<K: Eq + Hash, V: Clone> Default for Memo<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
