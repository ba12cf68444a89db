//! Answers a transform derives from the index alone (an argument's type, whether a call reaches a method), kept
//! for the rest of one planning run: the planner asks them again at every visit of a call, and on large solutions
//! recomputing them dominated planning.
//!
//! Only answers that depend on nothing but the index may be kept here: the index does not change during a
//! planning run, the plan does. Each purpose has its own key type (a private newtype), which also selects the map
//! its answers live in.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use crate::index::memo::Memo;

/// How many answers each purpose keeps at most (see `Memo::with_limit`). Most questions here are asked per call:
/// bitwarden/server asks at most 35 thousand of each per plan, all kept; the .NET reference source half a million,
/// mostly once each, and kept whole they were a tenth of its peak memory.
const KEPT_ANSWERS: usize = 1 << 16;

/// One `Memo` per key type.
#[derive(Default)]
pub struct Derived {
    memos: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Derived {
    /// The answer kept for `key`, or `compute`'s, kept from now on (see `Memo::get_or_compute`).
    pub fn get_or_compute<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> V
    where
        K: Eq + Hash + Send + 'static,
        V: Clone + Send + 'static,
    {
        self.memo::<K, V>().get_or_compute(key, compute)
    }

    /// The memo of the key type `K`; the lock on the map of memos is not held while an answer is computed.
    fn memo<K, V>(&self) -> Arc<Memo<K, V>>
    where
        K: Eq + Hash + Send + 'static,
        V: Clone + Send + 'static,
    {
        let mut memos =
            self.memos.lock().expect("derived-answers lock is never poisoned: no code panics while holding it");
        let memo =
            memos.entry(TypeId::of::<K>()).or_insert_with(|| Arc::new(Memo::<K, V>::with_limit(KEPT_ANSWERS))).clone();
        memo.downcast::<Memo<K, V>>().unwrap_or_else(|_| {
            panic!("a key type is used with one answer type: each purpose declares its own key type")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[derive(PartialEq, Eq, Hash)]
    struct Square(u32);
    #[derive(PartialEq, Eq, Hash)]
    struct Name(u32);

    #[test]
    fn computes_once_per_key_and_keeps_purposes_apart() {
        let derived = Derived::default();
        let calls = Cell::new(0);
        let square = |n: u32| {
            derived.get_or_compute(Square(n), || {
                calls.set(calls.get() + 1);
                n * n
            })
        };
        assert_eq!(square(3), 9);
        assert_eq!(square(3), 9);
        assert_eq!(square(4), 16);
        assert_eq!(calls.get(), 2);
        assert_eq!(derived.get_or_compute(Name(3), || "three".to_string()), "three");
        assert_eq!(derived.get_or_compute(Name(3), || "other".to_string()), "three");
        assert_eq!(square(3), 9);
    }
}
