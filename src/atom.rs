//! Interned strings for the names the facts hold.
//!
//! A solution repeats the same few thousand names (methods, types, modifiers, parameter names) millions of
//! times. Held as one `String` each, they were the largest part of a run's memory after the source text:
//! 24 bytes of header plus a heap block each, with malloc's overhead on top. An [`Atom`] is one thin pointer
//! (8 bytes, and `Option<Atom>` too) to a string stored once per process; it compares by address and hashes
//! by address, and derefs to `str` wherever the text is needed.
//!
//! Interned strings live until the process ends. That is the right trade for a command-line run: the set of
//! distinct names is small next to the sources they come from, and it never shrinks during a run anyway.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::LazyLock;

use crate::intern::Pool;

/// A string stored once per process. Equal atoms are the same string, at the same address.
#[derive(Clone, Copy)]
pub struct Atom(&'static &'static str);

static INTERNER: LazyLock<Pool<&'static str>> = LazyLock::new(Pool::new);

impl Atom {
    /// The atom for `text`, storing it on first use.
    pub fn new(text: &str) -> Atom {
        // A pointer to the stored `&str` is one pointer where a `&str` is two: the extra hop to the bytes halves
        // every atom.
        Atom(INTERNER.intern(text, |text, stored| *stored == *text, |text, store| store.text(text)))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Default for Atom {
    fn default() -> Self {
        Atom::new("")
    }
}

impl Deref for Atom {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Atom {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl PartialEq for Atom {
    fn eq(&self, other: &Atom) -> bool {
        // Interning makes equal strings one allocation; an empty string is interned too.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Atom {}

impl Hash for Atom {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::ptr::from_ref(self.0).hash(state);
    }
}

/// By text, so that anything sorted by name comes out the same on every run.
impl Ord for Atom {
    fn cmp(&self, other: &Atom) -> std::cmp::Ordering {
        if self == other {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Atom) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Atom {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Atom {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Atom {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Atom> for str {
    fn eq(&self, other: &Atom) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Atom> for &str {
    fn eq(&self, other: &Atom) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Atom> for String {
    fn eq(&self, other: &Atom) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for Atom {
    fn from(text: &str) -> Atom {
        Atom::new(text)
    }
}

impl From<String> for Atom {
    fn from(text: String) -> Atom {
        Atom::new(&text)
    }
}

impl From<&String> for Atom {
    fn from(text: &String) -> Atom {
        Atom::new(text)
    }
}

impl From<Atom> for String {
    fn from(atom: Atom) -> String {
        atom.as_str().to_string()
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_atom_and_different_texts_do_not() {
        let owned = String::from("GetAsync");
        let a = Atom::new("GetAsync");
        let b = Atom::new(&owned);
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Atom::new("GetAsyncCore"));
        assert_ne!(Atom::new(""), Atom::new(" "));
        assert_eq!(Atom::default(), Atom::new(""));
    }

    #[test]
    fn atoms_order_by_text_and_compare_with_strings() {
        let mut atoms = [Atom::new("b"), Atom::new("a"), Atom::new("ab")];
        atoms.sort();
        let texts: Vec<&str> = atoms.iter().map(|a| a.as_str()).collect();
        assert_eq!(texts, ["a", "ab", "b"]);
        assert!(Atom::new("x") == "x" && "x" == Atom::new("x") && Atom::new("x") == "x");
    }

    #[test]
    fn interning_from_many_threads_agrees() {
        let names: Vec<String> = (0..2000).map(|i| format!("Name{}", i % 500)).collect();
        let atoms: Vec<Vec<Atom>> = std::thread::scope(|s| {
            let handles: Vec<_> =
                (0..4).map(|_| s.spawn(|| names.iter().map(|n| Atom::new(n)).collect::<Vec<_>>())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for other in &atoms[1..] {
            assert_eq!(&atoms[0], other);
        }
        assert_eq!(atoms[0][0], atoms[0][500]);
    }
}
