//! A byte range of a source file in eight bytes.

use std::fmt;
use std::ops::Range;

/// Where something is written, as byte offsets into its file. The facts hold millions of these for as long as
/// a run lasts (every call, argument and function of every parsed file, several each), so they take two 32-bit
/// offsets rather than a `Range<usize>`'s two words. Nothing is lost: tree-sitter counts bytes in 32 bits, so
/// no offset of a parsed file is larger.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: offset(start), end: offset(end) }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether `offset` is inside (`start <= offset < end`, as `Range::contains`).
    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Whether `inner` lies within this span (ends included).
    pub fn encloses(self, inner: Span) -> bool {
        self.start <= inner.start && inner.end <= self.end
    }

    /// Whether `inner` lies within this span and ends where it ends: an argument whose value is `inner`, a name
    /// (`name: value`) or a modifier before it allowed.
    pub fn ends_with(self, inner: Span) -> bool {
        self.start <= inner.start && inner.end == self.end
    }
}

fn offset(at: usize) -> u32 {
    // Larger offsets cannot come from a tree-sitter tree; saturating keeps a caller's arithmetic from wrapping.
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<&Range<usize>> for Span {
    fn from(r: &Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_gives_back_the_range_it_was_made_from() {
        let s = Span::from(3..10);
        assert_eq!((s.start(), s.end(), s.len()), (3, 10, 7));
        assert_eq!(s.range(), 3..10);
        assert_eq!(&"0123456789ab"[s.range()], "3456789");
        assert!(s.contains(3) && s.contains(9) && !s.contains(10));
        assert!(s.encloses(Span::new(3, 10)) && s.encloses(Span::new(10, 10)) && !s.encloses(Span::new(2, 4)));
        assert!(s.ends_with(Span::new(5, 10)) && s.ends_with(s) && !s.ends_with(Span::new(5, 9)));
        assert!(!Span::new(5, 10).ends_with(s));
        assert!(Span::new(4, 4).is_empty() && !s.is_empty());
        assert_eq!(std::mem::size_of::<Span>(), 8);
    }

    #[test]
    fn an_offset_beyond_32_bits_saturates_instead_of_wrapping() {
        let s = Span::new(5, (u32::MAX as usize) + 7);
        assert_eq!(s.end(), u32::MAX as usize);
        assert_eq!(s.start(), 5);
    }
}
