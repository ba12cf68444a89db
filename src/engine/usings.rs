//! The `using` directives new code needs: one edit per file, placed and indented as the file's own.
//!
//! Where a new `using` goes follows the file's order: `System` namespaces first when `.editorconfig`
//! (`dotnet_sort_system_directives_first`) or the file itself says so, alphabetically (ignoring case, as Visual
//! Studio and StyleCop sort) where the file is sorted, and inside or outside the namespace block as the file's own
//! usings are. StyleCop reports a `System` using after the others (SA1208) or out of order (SA1210).

use std::collections::BTreeSet;
use std::ops::Range;

use crate::edit::Edit;
use crate::index::{IndexedFile, ProjectGlobals};
use crate::syntax;
use crate::transforms;
use crate::workspace::editorconfig;

/// `using System.Threading.Tasks;` (and the other namespaces new code names) where the file does not import them
/// yet, by a `using` of its own or an import of its whole project (`IndexedFile::imports`): one edit, namespaces in
/// order.
pub(super) fn usings_edit(
    file: &IndexedFile,
    namespaces: &BTreeSet<&'static str>,
    project_globals: &ProjectGlobals,
) -> Option<Edit> {
    let missing: Vec<&str> = namespaces.iter().copied().filter(|ns| !file.imports(ns, project_globals)).collect();
    if missing.is_empty() {
        return None;
    }
    let le = file.source.line_ending.as_str();
    let origin = transforms::sync_over_async::ID;
    let text = &file.source.text();
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
    if existing.is_empty() {
        return Some(Edit::close(file.facts.using_insert_at, lines(true), 0, origin));
    }
    let system_first = editorconfig::flag(&file.source.path, "dotnet_sort_system_directives_first")
        .unwrap_or_else(|| !non_system_before_system(existing));
    let insertions: Vec<(usize, String)> = missing
        .iter()
        .map(|ns| {
            let (at, before) = place(existing, ns, system_first);
            let range = &existing[at.min(existing.len() - 1)].1;
            let indent = syntax::line_indent(text, range.start);
            if before {
                (range.start, format!("using {ns};{le}{indent}"))
            } else {
                (range.end, format!("{le}{indent}using {ns};"))
            }
        })
        .collect();
    Some(combine(text, insertions, origin))
}

fn is_system(ns: &str) -> bool {
    ns == "System" || ns.starts_with("System.")
}

/// Whether the file puts a non-`System` using before a `System` one: then it does not keep `System` first.
fn non_system_before_system(existing: &[(crate::atom::Atom, Range<usize>)]) -> bool {
    let first_system = existing.iter().position(|(ns, _)| is_system(ns));
    let first_other = existing.iter().position(|(ns, _)| !is_system(ns));
    matches!((first_system, first_other), (Some(s), Some(o)) if o < s)
}

/// Where `ns` goes among the file's usings: the index of the using it goes next to, and whether before it.
fn place(existing: &[(crate::atom::Atom, Range<usize>)], ns: &str, system_first: bool) -> (usize, bool) {
    let alphabetical = |a: &str| (a.to_ascii_lowercase(), a.to_string());
    let key = |a: &str| (system_first && !is_system(a), alphabetical(a));
    let sorted = existing.windows(2).all(|w| key(&w[0].0) <= key(&w[1].0));
    if sorted {
        return match existing.iter().position(|(e, _)| key(e) > key(ns)) {
            Some(i) => (i, true),
            None => (existing.len() - 1, false),
        };
    }
    if system_first && is_system(ns) {
        // Among the System usings at the top: in order if they are sorted, else after the last of them.
        let group = existing.iter().take_while(|(e, _)| is_system(e)).count();
        if group == 0 {
            return (0, true);
        }
        let members = &existing[..group];
        if members.windows(2).all(|w| alphabetical(&w[0].0) <= alphabetical(&w[1].0)) {
            if let Some(i) = members.iter().position(|(e, _)| alphabetical(e) > alphabetical(ns)) {
                return (i, true);
            }
        }
        return (group - 1, false);
    }
    // No order to keep: after the last plain using (before `using static` and aliases, which StyleCop puts last).
    (existing.len() - 1, false)
}

/// One edit for every insertion: a plain insertion when they all go to one place, otherwise the text between
/// the first and the last place rewritten with the insertions in it (only using directives lie there).
fn combine(text: &str, mut insertions: Vec<(usize, String)>, origin: crate::model::TransformId) -> Edit {
    insertions.sort_by_key(|(at, _)| *at);
    let first = insertions[0].0;
    let last = insertions[insertions.len() - 1].0;
    let mut out = String::new();
    let mut cursor = first;
    for (at, t) in &insertions {
        out.push_str(&text[cursor..*at]);
        out.push_str(t);
        cursor = *at;
    }
    if first == last {
        return Edit::open(first, out, 0, origin);
    }
    Edit::replace(first..last, out, origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atom::Atom;

    fn usings(names: &[&str]) -> Vec<(Atom, Range<usize>)> {
        names.iter().enumerate().map(|(i, n)| (Atom::new(n), i * 10..i * 10 + 5)).collect()
    }

    #[test]
    fn sorted_ignoring_case_with_system_first() {
        // Radarr: `Indexers` before `IndexerSearch` is sorted ignoring case; System.Threading goes among System.
        let u = usings(&["System", "System.Linq", "NLog", "NzbDrone.Core.Indexers", "NzbDrone.Core.IndexerSearch"]);
        assert_eq!(place(&u, "System.Threading", true), (2, true));
        assert_eq!(place(&u, "System.Collections.Generic", true), (1, true));
    }

    #[test]
    fn system_group_kept_first_even_when_the_rest_is_unsorted() {
        let u = usings(&["System", "System.Text", "Zeta", "Alpha"]);
        assert_eq!(place(&u, "System.Threading", true), (1, false));
        assert_eq!(place(&u, "System.Linq", true), (1, true));
        let none = usings(&["Zeta", "Alpha"]);
        assert_eq!(place(&none, "System.Threading", true), (0, true));
    }

    #[test]
    fn without_system_first_alphabetical_or_appended() {
        let u = usings(&["Alpha", "System", "Zeta"]);
        assert!(non_system_before_system(&u));
        assert_eq!(place(&u, "System.Threading", false), (2, true));
        let unsorted = usings(&["Zeta", "System", "Alpha"]);
        assert_eq!(place(&unsorted, "System.Threading", false), (2, false));
    }

    #[test]
    fn insertions_at_two_places_make_one_edit() {
        let text = "using A;\nusing C;\n";
        let e =
            combine(text, vec![(9, "using B;\n".into()), (0, "using 0;\n".into())], transforms::sync_over_async::ID);
        assert_eq!(e.range, 0..9);
        assert_eq!(e.text, "using 0;\nusing A;\nusing B;\n");
    }
}
