//! Values stored once per process, shared by every thread: the store behind [`crate::atom::Atom`] (names) and
//! [`crate::index::facts::TypeRef`] (type expressions).
//!
//! A value is hashed once: the hash picks a shard (a separate lock, so parallel workers extracting facts rarely
//! wait for each other) and the place in that shard's table. Stored values live until the process ends, which
//! is what lets the handles be plain `&'static` pointers that compare and hash by address.
//!
//! Values (and the bytes of stored names) are placed in blocks of their own, side by side, rather than one heap
//! allocation each. A run stores millions of them while it parses, in among the facts that come and go; one
//! allocation each, they pinned the heap's pages after a code base's facts were freed: efcore, planned after the
//! .NET reference source in one run, grew resident memory 34 MB past the reference source's own peak.

use std::hash::{BuildHasher, Hash};
use std::mem::MaybeUninit;
use std::sync::Mutex;

use hashbrown::HashTable;

const SHARDS: usize = 64;
/// Values per block: a block is a few kilobytes to a few tens.
const BLOCK_VALUES: usize = 512;
/// Bytes per block of names' text.
const BLOCK_BYTES: usize = 16 << 10;

pub(crate) struct Pool<T: 'static> {
    shards: Box<[Mutex<Shard<T>>]>,
    hasher: crate::hash::State,
}

struct Shard<T: 'static> {
    table: HashTable<&'static T>,
    /// The unused rest of the block values go to.
    values: &'static mut [MaybeUninit<T>],
    store: Store,
}

/// Where a stored value puts what it holds besides itself: the text of a name.
pub(crate) struct Store {
    /// The unused rest of the block texts go to.
    bytes: &'static mut [u8],
}

impl Store {
    /// `text`, copied where it stays until the process ends.
    pub(crate) fn text(&mut self, text: &str) -> &'static str {
        if text.len() > self.bytes.len() {
            // The rest of the block is left unused: a name is short, and a block holds hundreds.
            self.bytes = Box::leak(vec![0; BLOCK_BYTES.max(text.len())].into_boxed_slice());
        }
        let (place, rest) = std::mem::take(&mut self.bytes).split_at_mut(text.len());
        self.bytes = rest;
        place.copy_from_slice(text.as_bytes());
        // SAFETY: the bytes are a copy of a `str`'s, so they are UTF-8.
        unsafe { std::str::from_utf8_unchecked(place) }
    }
}

impl<T: Hash + 'static> Pool<T> {
    pub(crate) fn new() -> Pool<T> {
        let shard = || Mutex::new(Shard { table: HashTable::new(), values: &mut [], store: Store { bytes: &mut [] } });
        Pool { shards: (0..SHARDS).map(|_| shard()).collect(), hasher: crate::hash::State::default() }
    }

    /// The stored value that `is` recognizes as `key`, or the one `store` makes of `key`, stored on first use.
    /// `key` must hash as the value `store` makes of it does (`&str` as `&str`, a value as itself).
    pub(crate) fn intern<K: Hash>(
        &self,
        key: K,
        is: impl Fn(&K, &T) -> bool,
        store: impl FnOnce(K, &mut Store) -> T,
    ) -> &'static T {
        let hash = self.hasher.hash_one(&key);
        // The table places a value by the hash's low bits and tags it with its top ones: the shard takes others.
        let shard = &self.shards[(hash >> 32) as usize % SHARDS];
        // A poisoned lock only means another thread panicked while inserting; the table is still valid.
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stored) = shard.table.find(hash, |s| is(&key, s)) {
            return stored;
        }
        let value = store(key, &mut shard.store);
        if shard.values.is_empty() {
            shard.values = Box::leak(Box::new_uninit_slice(BLOCK_VALUES));
        }
        let (place, rest) = std::mem::take(&mut shard.values).split_first_mut().expect("a block has room");
        shard.values = rest;
        let stored: &'static T = place.write(value);
        shard.table.insert_unique(hash, stored, |s| self.hasher.hash_one(*s));
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_borrowed_key_finds_the_value_stored_for_it() {
        let pool: Pool<&'static str> = Pool::new();
        let a = pool.intern("Run", |k, s| *s == *k, |k, store| store.text(k));
        let b = pool.intern("Run", |k, s| *s == *k, |_, _| unreachable!("stored already"));
        let c = pool.intern("Wait", |k, s| *s == *k, |k, store| store.text(k));
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, c));
    }

    #[test]
    fn texts_keep_their_bytes_across_blocks_and_beyond_a_block() {
        let pool: Pool<&'static str> = Pool::new();
        let long = "x".repeat(BLOCK_BYTES * 2 + 3);
        let mut texts: Vec<String> = (0..40_000).map(|i| format!("name{i}")).collect();
        texts.insert(20_000, long.clone());
        let stored: Vec<&'static &'static str> =
            texts.iter().map(|t| pool.intern(t.as_str(), |k, s| *s == *k, |k, store| store.text(k))).collect();
        for (text, stored) in texts.iter().zip(&stored) {
            assert_eq!(**stored, text.as_str());
            let again = pool.intern(text.as_str(), |k, s| *s == *k, |_, _| unreachable!("stored already"));
            assert!(std::ptr::eq(*stored, again));
        }
        assert_eq!(stored[20_000].len(), long.len());
    }

    #[test]
    fn values_stay_found_as_the_tables_grow() {
        let pool: Pool<&'static str> = Pool::new();
        let first: Vec<&'static &'static str> = (0..5000)
            .map(|i| i.to_string())
            .map(|k| pool.intern(k.as_str(), |k, s| *s == *k, |k, store| store.text(k)))
            .collect();
        for (i, stored) in first.iter().enumerate() {
            let k = i.to_string();
            let again = pool.intern(k.as_str(), |k, s| *s == *k, |_, _| unreachable!("stored already"));
            assert!(std::ptr::eq(*stored, again));
        }
    }
}
