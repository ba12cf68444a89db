//! Where words are written in a file, to pass over the parts of a tree that cannot hold what a walk looks for.
//!
//! A walk over every node of a large file costs more than the search for a few words in its text, and most
//! nodes (a class, a method) hold none of the words a site must be written with. The words are found as bytes,
//! inside longer words too (`Block` holds `lock`): a node that holds none of them surely holds no site, and one
//! that holds one is walked as before.

use std::ops::Range;

/// The sorted offsets at which any of the words begins.
#[derive(Default)]
pub struct Mentions(Vec<usize>);

impl Mentions {
    pub fn of(text: &str, words: &[&str]) -> Mentions {
        let mut at: Vec<usize> = words.iter().flat_map(|w| memchr::memmem::find_iter(text.as_bytes(), w)).collect();
        if words.len() > 1 {
            at.sort_unstable();
        }
        Mentions(at)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether one of the words begins within `range`.
    pub fn within(&self, range: Range<usize>) -> bool {
        let first = self.0.partition_point(|&at| at < range.start);
        self.0.get(first).is_some_and(|&at| at < range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_holds_a_mention_only_where_a_word_begins_inside_it() {
        let text = "class A { void M() { lock (o) { } } }  class B { using var x = y; }";
        let mentions = Mentions::of(text, &["using", "lock"]);
        let lock = text.find("lock").unwrap();
        let using = text.find("using").unwrap();
        assert!(mentions.within(0..text.len()));
        assert!(mentions.within(lock..lock + 1));
        assert!(!mentions.within(lock + 1..using), "a word that begins before the range is not in it");
        assert!(!mentions.within(0..lock), "the range's end is not in it");
        assert!(mentions.within(text.find("class B").unwrap()..text.len()));
        assert!(!Mentions::of(text, &["await"]).within(0..text.len()));
        assert!(Mentions::of(text, &["await"]).is_empty());
    }
}
