//! The `using` directives new code needs: one edit per file, placed and indented as the file's own.

use std::collections::BTreeSet;

use crate::edit::Edit;
use crate::index::IndexedFile;
use crate::syntax;
use crate::transforms;

/// `using System.Threading.Tasks;` (and the other namespaces new code names) where the file
/// does not import them yet: one edit, namespaces in order.
pub(super) fn usings_edit(file: &IndexedFile, namespaces: &BTreeSet<&'static str>) -> Option<Edit> {
    if file.settings.implicit_usings {
        return None;
    }
    let missing: Vec<&str> = namespaces.iter().copied().filter(|ns| !file.facts.has_using(ns)).collect();
    if missing.is_empty() {
        return None;
    }
    let le = file.source.line_ending.as_str();
    let origin = transforms::sync_over_async::ID;
    let text = &file.source.text;
    // Usings inside `namespace X { ... }` are indented: a new one takes the indentation of the line it joins.
    let after_last = syntax::line_indent(text, file.facts.using_insert_at);
    let lines = |sep_first: bool| -> String {
        missing
            .iter()
            .map(|ns| if sep_first { format!("{le}{after_last}using {ns};") } else { format!("using {ns};{le}") })
            .collect()
    };
    if file.facts.usings.is_empty() {
        // Below a leading comment block (license headers stay first), separated by blank lines.
        let mut at = 0;
        let mut header = false;
        for line in text.split_inclusive('\n') {
            if line.trim_start().starts_with("//") {
                at += line.len();
                header = true;
            } else {
                break;
            }
        }
        let blank_follows = text[at..].split_inclusive('\n').next().is_some_and(|l| l.trim().is_empty());
        if header && blank_follows {
            at += text[at..].split_inclusive('\n').next().map_or(0, str::len);
        }
        let lead = if header && !blank_follows { le } else { "" };
        return Some(Edit::open(at, format!("{lead}{}{le}", lines(false)), usize::MAX, origin));
    }
    let existing = &file.facts.top_level_usings;
    let key = |ns: &str| (!(ns == "System" || ns.starts_with("System.")), ns.to_string());
    let sorted = existing.windows(2).all(|w| key(&w[0].0) <= key(&w[1].0));
    if !sorted || existing.is_empty() {
        return Some(Edit::close(file.facts.using_insert_at, lines(true), 0, origin));
    }
    // Sorted usings (System first, the convention of `dotnet format`): keep them sorted.
    let mut edits_text: Vec<(usize, String)> = Vec::new();
    for ns in &missing {
        let before = existing.iter().find(|(e, _)| key(e) > key(ns));
        match before {
            Some((_, range)) => {
                edits_text.push((range.start, format!("using {ns};{le}{}", syntax::line_indent(text, range.start))))
            }
            None => edits_text.push((file.facts.using_insert_at, format!("{le}{after_last}using {ns};"))),
        }
    }
    // One edit per file keeps the using block a single change; group insertions by offset.
    if edits_text.iter().all(|(at, _)| *at == edits_text[0].0) {
        let at = edits_text[0].0;
        let text: String = edits_text.into_iter().map(|(_, t)| t).collect();
        return Some(if at == file.facts.using_insert_at {
            Edit::close(at, text, 0, origin)
        } else {
            Edit::open(at, text, 0, origin)
        });
    }
    Some(Edit::close(file.facts.using_insert_at, lines(true), 0, origin))
}
