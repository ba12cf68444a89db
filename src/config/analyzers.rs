//! The analyzer rules that flag what asyncmod's transforms fix. A suppression of one of them (`#pragma warning
//! disable`, `[SuppressMessage]`, `.editorconfig` severity `none`) says the team decided about that rule, and
//! asyncmod honours it as a suppression of the transform.

/// (analyzer rule id, transform id). Visual Studio threading analyzers (VSTHRD), .NET analyzers (CA), Meziantou
/// (MA) and AsyncFixer.
pub const TABLE: &[(&str, &str)] = &[
    ("VSTHRD002", "sync-over-async"),
    ("VSTHRD103", "sync-over-async"),
    ("CA1849", "sync-over-async"),
    ("MA0042", "sync-over-async"),
    ("MA0045", "sync-over-async"),
    ("AsyncFixer02", "sync-over-async"),
    ("VSTHRD100", "async-void"),
    ("VSTHRD101", "async-void"),
    ("AsyncFixer03", "async-void"),
    ("CA2016", "cancellation-token"),
    ("MA0040", "cancellation-token"),
    ("MA0032", "cancellation-token"),
    ("MA0079", "cancellation-token"),
    ("MA0080", "cancellation-token"),
];

/// The transform an analyzer rule id stands for (case-insensitive), if asyncmod has one.
pub fn transform_for(rule: &str) -> Option<&'static str> {
    TABLE.iter().find(|(id, _)| id.eq_ignore_ascii_case(rule)).map(|(_, t)| *t)
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
        assert_eq!(transform_for("vsthrd002"), Some("sync-over-async"));
        assert_eq!(transform_for("AsyncFixer03"), Some("async-void"));
        assert_eq!(transform_for("CA2016"), Some("cancellation-token"));
        assert_eq!(transform_for("CS1998"), None);
        assert!(is_own_code("ASYNC001") && !is_own_code("ASYNC01") && !is_own_code("VSTHRD002"));
    }
}
