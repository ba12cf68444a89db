//! Text edits as data: byte ranges with replacement text, checked for
//! overlap and rendered against the original text so everything outside
//! the edited ranges (comments, trivia, line endings) stays byte-identical.

use std::ops::Range;

use crate::model::TransformId;

/// Where an edit sits among others that start at the same offset: text closing a node
/// that ends there (`)`), then text opening a node that starts there (`(await `), then the
/// replacement of text that starts there. Among openings the one wrapping the larger node
/// comes first; among closings the smaller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Placement {
    Close { wrapped_len: usize },
    Open { wrapped_len_rev: std::cmp::Reverse<usize> },
    Replace,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
    pub placement: Placement,
    pub origin: TransformId,
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>, origin: TransformId) -> Edit {
        Edit { range, text: text.into(), placement: Placement::Replace, origin }
    }

    /// Text inserted before a node of `wrapped_len` bytes (e.g. `await `, `(await `).
    pub fn open(at: usize, text: impl Into<String>, wrapped_len: usize, origin: TransformId) -> Edit {
        Edit {
            range: at..at,
            text: text.into(),
            placement: Placement::Open { wrapped_len_rev: std::cmp::Reverse(wrapped_len) },
            origin,
        }
    }

    /// Text inserted after a node of `wrapped_len` bytes (e.g. `)`).
    pub fn close(at: usize, text: impl Into<String>, wrapped_len: usize, origin: TransformId) -> Edit {
        Edit { range: at..at, text: text.into(), placement: Placement::Close { wrapped_len }, origin }
    }

    fn sort_key(&self) -> (usize, Placement, usize) {
        (self.range.start, self.placement, self.range.end)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlapError {
    pub first: Box<Edit>,
    pub second: Box<Edit>,
}

impl std::fmt::Display for OverlapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal error: edits overlap ({} at {:?} and {} at {:?})",
            self.first.origin, self.first.range, self.second.origin, self.second.range
        )
    }
}

/// Sorts the edits, drops exact duplicates (two intents asking for the same
/// change) and rejects any pair that overlaps.
pub fn normalize(mut edits: Vec<Edit>) -> Result<Vec<Edit>, OverlapError> {
    edits.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then_with(|| a.text.cmp(&b.text)));
    edits.dedup_by(|b, a| a.range == b.range && a.text == b.text && a.placement == b.placement);
    // Sorted by start, every edit must begin at or after the end of everything before it.
    let mut covered_to = 0;
    for (i, e) in edits.iter().enumerate() {
        if i > 0 && e.range.start < covered_to {
            let first = edits[..i].iter().rev().find(|p| p.range.end > e.range.start).unwrap_or(&edits[i - 1]);
            return Err(OverlapError { first: Box::new(first.clone()), second: Box::new(e.clone()) });
        }
        covered_to = covered_to.max(e.range.end);
    }
    Ok(edits)
}

/// Applies normalized edits to `text`.
pub fn render(text: &str, edits: &[Edit]) -> String {
    let growth: usize = edits.iter().map(|e| e.text.len()).sum();
    let mut out = String::with_capacity(text.len() + growth);
    let mut cursor = 0;
    for edit in edits {
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.text);
        cursor = cursor.max(edit.range.end);
    }
    out.push_str(&text[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    const T: crate::model::TransformId = crate::model::TransformId::new(0, "test");

    #[test]
    fn nested_wraps_render_outer_first() {
        // `M().N()` with both calls awaited: `await (await M()).N()`.
        let text = "M().N()";
        let edits =
            normalize(vec![Edit::open(0, "(await ", 3, T), Edit::close(3, ")", 3, T), Edit::open(0, "await ", 7, T)])
                .unwrap();
        assert_eq!(render(text, &edits), "await (await M()).N()");
    }

    #[test]
    fn overlapping_replacements_are_rejected() {
        let err = normalize(vec![Edit::replace(0..4, "x", T), Edit::replace(2..6, "y", T)]).unwrap_err();
        assert_eq!(err.first.range, 0..4);
    }

    #[test]
    fn insertion_inside_replacement_is_rejected() {
        assert!(normalize(vec![Edit::replace(0..4, "x", T), Edit::open(2, "y", 1, T)]).is_err());
        // Touching the boundary is fine.
        assert!(normalize(vec![Edit::replace(0..4, "x", T), Edit::open(4, "y", 1, T)]).is_ok());
    }

    #[test]
    fn insertion_at_start_of_replacement_renders_first() {
        let text = "int M()";
        let edits = normalize(vec![Edit::replace(0..3, "Task<int>", T), Edit::open(0, "async ", 0, T)]).unwrap();
        assert_eq!(render(text, &edits), "async Task<int> M()");
    }

    #[test]
    fn identical_edits_collapse() {
        let edits = normalize(vec![Edit::open(1, "async ", 0, T), Edit::open(1, "async ", 0, T)]).unwrap();
        assert_eq!(edits.len(), 1);
    }
}
