//! The analyzer rules that flag what asyncmod's transforms fix. A suppression of one of them (`#pragma warning
//! disable`, `[SuppressMessage]`, `.editorconfig` severity `none`) says the team decided about that rule, and
//! asyncmod honours it as a suppression of the transform.

/// (analyzer rule id, transform id). Visual Studio threading analyzers (VSTHRD), .NET analyzers (CA), Meziantou
/// (MA) and AsyncFixer. A rule that flags both a blocking wait on a task and a blocking call with an async
/// alternative in async code stands for both transforms.
pub const TABLE: &[(&str, &str)] = &[
    ("VSTHRD002", "sync-over-async"),
    ("VSTHRD103", "sync-over-async"),
    ("VSTHRD103", "async-alternative"),
    ("CA1849", "sync-over-async"),
    ("CA1849", "async-alternative"),
    ("MA0042", "sync-over-async"),
    ("MA0042", "async-alternative"),
    ("MA0045", "sync-over-async"),
    ("AsyncFixer02", "sync-over-async"),
    ("AsyncFixer02", "async-alternative"),
    ("VSTHRD100", "async-void"),
    ("VSTHRD101", "async-void"),
    ("AsyncFixer03", "async-void"),
    ("CA2016", "cancellation-token"),
    ("MA0040", "cancellation-token"),
    ("MA0032", "cancellation-token"),
    ("MA0079", "cancellation-token"),
    ("MA0080", "cancellation-token"),
];

/// The transforms an analyzer rule id stands for (case-insensitive); empty if asyncmod has none.
pub fn transforms_for(rule: &str) -> Vec<&'static str> {
    TABLE.iter().filter(|(id, _)| id.eq_ignore_ascii_case(rule)).map(|(_, t)| *t).collect()
}

/// Whether `id` is one of asyncmod's own codes (`ASYNC001`).
pub fn is_own_code(id: &str) -> bool {
    id.len() == 8 && id[..5].eq_ignore_ascii_case("ASYNC") && id[5..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_map_to_transforms() {
        assert_eq!(transforms_for("vsthrd002"), ["sync-over-async"]);
        assert_eq!(transforms_for("CA1849"), ["sync-over-async", "async-alternative"]);
        assert_eq!(transforms_for("AsyncFixer03"), ["async-void"]);
        assert_eq!(transforms_for("CA2016"), ["cancellation-token"]);
        assert!(transforms_for("CS1998").is_empty());
        assert!(is_own_code("ASYNC001") && !is_own_code("ASYNC01") && !is_own_code("VSTHRD002"));
    }
}
