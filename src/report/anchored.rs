//! Line diff operations for files with more changes than one Myers pass can take.
//!
//! Myers' algorithm costs time in the lines times the changed lines: a 10 MB file with 90,000 rewritten methods
//! would take hours. Lines written once in each version, kept in the same order (the anchors of a patience
//! diff), split the files into small pieces; Myers runs on each piece between two anchors.

use std::collections::HashMap;
use std::ops::Range;

use similar::{capture_diff, Algorithm, DiffOp};

/// The operations turning `old` into `new`, lines as `DiffableStr::tokenize_lines` splits them.
pub fn ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let mut out = Vec::new();
    between_anchors(old, 0..old.len(), new, 0..new.len(), Anchors::Unique, &mut out);
    out
}

/// Which lines may anchor a piece.
#[derive(Clone, Copy, PartialEq)]
enum Anchors {
    /// Lines written once in each version: a patience diff's.
    Unique,
    /// Lines written as often in each version, the k-th with the k-th: for a piece with no unique line left
    /// (`{`, `}` and a rewritten `return` in every method), which would be too long for Myers.
    SameCount,
}

/// Above this many lines, a piece costs Myers up to their square: look for finer anchors first.
const LONGEST_PIECE: usize = 4_000;

fn between_anchors(
    old: &[&str],
    old_range: Range<usize>,
    new: &[&str],
    new_range: Range<usize>,
    kind: Anchors,
    out: &mut Vec<DiffOp>,
) {
    let prefix = old[old_range.clone()].iter().zip(&new[new_range.clone()]).take_while(|(a, b)| a == b).count();
    let (old_start, new_start) = (old_range.start + prefix, new_range.start + prefix);
    let suffix = old[old_start..old_range.end]
        .iter()
        .rev()
        .zip(new[new_start..new_range.end].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old_range.end - suffix, new_range.end - suffix);
    push(out, DiffOp::Equal { old_index: old_range.start, new_index: new_range.start, len: prefix });
    let (mut at_old, mut at_new) = (old_start, new_start);
    let piece = |out: &mut Vec<DiffOp>, old_piece: Range<usize>, new_piece: Range<usize>| {
        if kind == Anchors::Unique && old_piece.len() + new_piece.len() > LONGEST_PIECE {
            between_anchors(old, old_piece, new, new_piece, Anchors::SameCount, out);
        } else {
            for op in capture_diff(Algorithm::Myers, old, old_piece, new, new_piece) {
                push(out, op);
            }
        }
    };
    for (i, j) in anchors(old, old_start..old_end, new, new_start..new_end, kind) {
        piece(out, at_old..i, at_new..j);
        push(out, DiffOp::Equal { old_index: i, new_index: j, len: 1 });
        (at_old, at_new) = (i + 1, j + 1);
    }
    piece(out, at_old..old_end, at_new..new_end);
    push(out, DiffOp::Equal { old_index: old_end, new_index: new_end, len: suffix });
}

/// Lines the operations delete or insert.
pub fn changed_lines(ops: &[DiffOp]) -> usize {
    ops.iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| op.old_range().len() + op.new_range().len())
        .sum()
}

/// Appends an operation; equal runs that touch become one, as the hunk grouping expects.
fn push(out: &mut Vec<DiffOp>, op: DiffOp) {
    if let DiffOp::Equal { len: 0, .. } = op {
        return;
    }
    if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) = (out.last_mut(), op) {
        *len += more;
        return;
    }
    out.push(op);
}

/// Pairs `(old, new)` of anchor lines, the longest chain of them in the same order in both ranges.
fn anchors(
    old: &[&str],
    old_range: Range<usize>,
    new: &[&str],
    new_range: Range<usize>,
    kind: Anchors,
) -> Vec<(usize, usize)> {
    // Where each line of old occurs in each range.
    let mut seen: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for i in old_range.clone() {
        seen.entry(old[i]).or_default().0.push(i);
    }
    for j in new_range {
        if let Some(e) = seen.get_mut(new[j]) {
            e.1.push(j);
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|(o, n)| o.len() == n.len() && (kind == Anchors::SameCount || o.len() == 1))
        .flat_map(|(o, n)| o.into_iter().zip(n))
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest chain of pairs (sorted by their first) whose seconds increase too (patience sorting).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index of the pair ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < j);
        before[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        chain.push(pairs[p]);
        at = before[p];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use similar::{DiffableStr, TextDiff};

    fn lines(text: &str) -> Vec<&str> {
        text.tokenize_lines()
    }

    /// Applies the operations to `old` and checks that they give `new`, covering both versions in order.
    fn replay(ops: &[DiffOp], old: &[&str], new: &[&str]) -> Vec<String> {
        let (mut at_old, mut at_new) = (0, 0);
        let mut out = Vec::new();
        for op in ops {
            assert_eq!((op.old_range().start, op.new_range().start), (at_old, at_new), "{ops:?}");
            for i in op.old_range() {
                if matches!(op, DiffOp::Equal { .. }) {
                    assert_eq!(old[i], new[at_new + i - op.old_range().start]);
                }
            }
            out.extend(op.new_range().map(|j| new[j].to_string()));
            (at_old, at_new) = (op.old_range().end, op.new_range().end);
        }
        assert_eq!((at_old, at_new), (old.len(), new.len()));
        out
    }

    #[test]
    fn rebuilds_the_new_text_and_finds_no_more_changes_than_myers() {
        let mut old = String::new();
        let mut new = String::new();
        for i in 0..400 {
            old.push_str(&format!("int M{i}()\n{{\n    return t.Result;\n}}\n\n"));
            if i % 7 == 3 {
                new.push_str(&format!("async Task<int> M{i}()\n{{\n    return await t;\n}}\n\n"));
            } else {
                new.push_str(&format!("int M{i}()\n{{\n    return t.Result;\n}}\n\n"));
            }
        }
        new.push_str("tail\n");
        let (o, n) = (lines(&old), lines(&new));
        let ops = ops(&o, &n);
        assert_eq!(replay(&ops, &o, &n).concat(), new);
        let myers = TextDiff::from_lines(&old, &new);
        assert_eq!(changed_lines(&ops), changed_lines(myers.ops()));
        assert_eq!(ops, myers.ops(), "pieces split at unique lines diff as the whole");
    }

    #[test]
    fn edge_cases() {
        for (old, new) in [("", ""), ("a\n", ""), ("", "a\n"), ("a\nb\n", "a\nb"), ("x\nx\nx\n", "x\ny\nx\n")] {
            let (o, n) = (lines(old), lines(new));
            assert_eq!(replay(&ops(&o, &n), &o, &n).concat(), new);
        }
    }

    #[test]
    fn chains_only_pairs_in_order() {
        assert_eq!(longest_increasing(&[(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)]), [(1, 1), (2, 2), (4, 3)]);
        assert!(longest_increasing(&[]).is_empty());
    }
}
