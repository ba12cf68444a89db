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
    /// How many answers it holds at most: when full, it forgets them all and starts again. An answer is a pure
    /// function of its question, so forgetting costs time, never correctness.
    limit: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new() -> Self {
        Memo::with_limit(usize::MAX)
    }

    /// A memo that holds at most `limit` answers. For questions asked about most calls of a solution, where most
    /// answers are asked once: on the .NET reference source, three such memos held 57 MB of answers, five in six
    /// never asked again, while on smaller solutions the same memos stay far below any limit.
    pub fn with_limit(limit: usize) -> Self {
        Memo { answers: Mutex::new(Map::default()), limit }
    }

    /// The answer for `key`, computed by `compute` the first time. Computed outside the lock: a computation may
    /// ask other memoized questions, and two threads computing the same answer at once agree.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> V {
        if let Some(v) = self.lock().get(&key) {
            return v.clone();
        }
        let v = compute();
        let mut answers = self.lock();
        if answers.len() >= self.limit {
            // Keeps the table's room: it fills again as fast as it did.
            answers.clear();
        }
        answers.entry(key).or_insert(v).clone()
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

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn a_full_memo_forgets_and_answers_the_same() {
        let memo: Memo<u32, u32> = Memo::with_limit(2);
        let computed = Cell::new(0);
        let square = |k: u32| {
            memo.get_or_compute(k, || {
                computed.set(computed.get() + 1);
                k * k
            })
        };
        assert_eq!((square(1), square(2), square(1)), (1, 4, 1));
        assert_eq!(computed.get(), 2, "kept while there is room");
        assert_eq!(square(3), 9);
        assert_eq!(memo.lock().len(), 1, "full: forgot both, kept the new answer");
        assert_eq!(square(1), 1);
        assert_eq!(computed.get(), 4, "a forgotten answer is computed again");
    }
}
