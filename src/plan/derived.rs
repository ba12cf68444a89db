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
use std::sync::Mutex;

#[derive(Default)]
pub struct Derived {
    maps: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

impl Derived {
    /// The answer kept for `key`, or `compute`'s, kept from now on. Computed outside the lock, so a computation
    /// may ask for other derived answers.
    pub fn get_or_compute<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> V
    where
        K: Eq + Hash + Send + 'static,
        V: Clone + Send + 'static,
    {
        if let Some(v) = Self::map::<K, V>(&mut self.lock()).get(&key) {
            return v.clone();
        }
        let v = compute();
        Self::map::<K, V>(&mut self.lock()).entry(key).or_insert(v).clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<TypeId, Box<dyn Any + Send>>> {
        self.maps.lock().expect("derived-answers lock is never poisoned: no code panics while holding it")
    }

    fn map<K, V>(maps: &mut HashMap<TypeId, Box<dyn Any + Send>>) -> &mut HashMap<K, V>
    where
        K: Eq + Hash + Send + 'static,
        V: Send + 'static,
    {
        maps.entry(TypeId::of::<K>())
            .or_insert_with(|| Box::new(HashMap::<K, V>::new()))
            .downcast_mut::<HashMap<K, V>>()
            .expect("a key type is used with one answer type: each purpose declares its own key type")
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
