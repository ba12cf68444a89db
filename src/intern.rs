//! Values stored once per process, shared by every thread: the store behind [`crate::atom::Atom`] (names) and
//! [`crate::index::facts::TypeRef`] (type expressions).
//!
//! A value is hashed once: the hash picks a shard (a separate lock, so parallel workers extracting facts rarely
//! wait for each other) and the place in that shard's table. Stored values live until the process ends, which
//! is what lets the handles be plain `&'static` pointers that compare and hash by address.

use std::hash::{BuildHasher, Hash};
use std::sync::Mutex;

use hashbrown::HashTable;

const SHARDS: usize = 64;

pub(crate) struct Pool<T: 'static> {
    shards: Box<[Mutex<HashTable<&'static T>>]>,
    hasher: crate::hash::State,
}

impl<T: Hash + 'static> Pool<T> {
    pub(crate) fn new() -> Pool<T> {
        Pool {
            shards: (0..SHARDS).map(|_| Mutex::new(HashTable::new())).collect(),
            hasher: crate::hash::State::default(),
        }
    }

    /// The stored value that `is` recognizes as `key`, or the one `store` makes of `key`, stored on first use.
    /// `key` must hash as the value `store` makes of it does (`&str` as `String`, a value as itself).
    pub(crate) fn intern<K: Hash>(
        &self,
        key: K,
        is: impl Fn(&K, &T) -> bool,
        store: impl FnOnce(K) -> T,
    ) -> &'static T {
        let hash = self.hasher.hash_one(&key);
        // The table places a value by the hash's low bits and tags it with its top ones: the shard takes others.
        let shard = &self.shards[(hash >> 32) as usize % SHARDS];
        // A poisoned lock only means another thread panicked while inserting; the table is still valid.
        let mut table = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stored) = table.find(hash, |s| is(&key, s)) {
            return stored;
        }
        let stored: &'static T = Box::leak(Box::new(store(key)));
        table.insert_unique(hash, stored, |s| self.hasher.hash_one(*s));
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_borrowed_key_finds_the_value_stored_for_it() {
        let pool: Pool<String> = Pool::new();
        let a = pool.intern("Run", |k, s| s == k, |k| k.to_string());
        let b = pool.intern("Run", |k, s| s == k, |_| unreachable!("stored already"));
        let c = pool.intern("Wait", |k, s| s == k, |k| k.to_string());
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, c));
    }

    #[test]
    fn values_stay_found_as_the_tables_grow() {
        let pool: Pool<String> = Pool::new();
        let first: Vec<&'static String> = (0..5000)
            .map(|i| i.to_string())
            .map(|k| pool.intern(k.as_str(), |k, s| s == k, |k| k.to_string()))
            .collect();
        for (i, stored) in first.iter().enumerate() {
            let k = i.to_string();
            let again = pool.intern(k.as_str(), |k, s| s == k, |_| unreachable!("stored already"));
            assert!(std::ptr::eq(*stored, again));
        }
    }
}
