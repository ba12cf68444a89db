//! What an argument's text says about it, read once when the facts are recorded. Whether a call still compiles
//! with a token added asks it of every argument of every call it weighs, and by then the text of most files is
//! put aside (reading it again for this was most of what a large run read twice).

/// The modifier written before an argument's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassedBy {
    Out,
    Ref,
    In,
}

impl PassedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            PassedBy::Out => "out",
            PassedBy::Ref => "ref",
            PassedBy::In => "in",
        }
    }
}

/// A value whose type its text alone gives (or, for a lambda, that no type can be read from).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    Str,
    Char,
    Bool,
    Integer,
    Real(RealSuffix),
    Null,
    Default,
    Type,
    Lambda,
}

/// The type a real literal's suffix gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RealSuffix {
    /// No suffix, or `d`.
    Double,
    /// `f`
    Float,
    /// `m`
    Decimal,
}

/// What planning asks of an argument's text, in three bytes instead of the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArgumentShape {
    pub passed_by: Option<PassedBy>,
    pub literal: Option<Literal>,
    /// Reads as a cancellation token whatever its declaration: `CancellationToken.None`, or a name that is a token
    /// by every convention (`ct`, `stoppingToken`, `HttpContext.RequestAborted`, anything with "cancel" in it).
    pub named_like_token: bool,
}

impl ArgumentShape {
    /// From the whole argument as written, its name (`name: value`) included when it has one.
    pub fn of(text: &str, named: bool) -> ArgumentShape {
        let value = if named { text.split_once(':').map_or(text, |(_, v)| v) } else { text }.trim();
        let passed_by = [("out ", PassedBy::Out), ("ref ", PassedBy::Ref), ("in ", PassedBy::In)]
            .iter()
            .find(|(m, _)| value.starts_with(m))
            .map(|(_, p)| *p);
        ArgumentShape { passed_by, literal: literal_kind(value), named_like_token: named_like_token(value) }
    }
}

fn named_like_token(value: &str) -> bool {
    if value.starts_with("CancellationToken.") {
        return true;
    }
    let last = value.rsplit('.').next().unwrap_or(value);
    last.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
        && (matches!(last, "ct" | "token" | "Token" | "stoppingToken" | "RequestAborted")
            || matches!(last, "ApplicationStopping" | "ApplicationStopped")
            || last.as_bytes().windows(6).any(|w| w.eq_ignore_ascii_case(b"cancel")))
}

pub fn literal_kind(value: &str) -> Option<Literal> {
    let v = value.trim();
    let first = v.chars().next()?;
    if v.starts_with('"') || v.starts_with("@\"") || v.starts_with("$\"") || v.starts_with("$@") || v.starts_with("@$")
    {
        return Some(Literal::Str);
    }
    if v.starts_with("nameof(") {
        return Some(Literal::Str);
    }
    if v.starts_with("typeof(") {
        return Some(Literal::Type);
    }
    if first == '\'' {
        return Some(Literal::Char);
    }
    match v {
        "true" | "false" => return Some(Literal::Bool),
        "null" => return Some(Literal::Null),
        "default" => return Some(Literal::Default),
        _ => {}
    }
    let digits = v.strip_prefix('-').unwrap_or(v);
    if digits.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let hex = digits.starts_with("0x") || digits.starts_with("0X");
        let suffix = match digits.chars().last().map(|c| c.to_ascii_lowercase()) {
            Some('f') if !hex => Some(RealSuffix::Float),
            Some('m') if !hex => Some(RealSuffix::Decimal),
            Some('d') if !hex => Some(RealSuffix::Double),
            _ => None,
        };
        return Some(if digits.contains('.') || suffix.is_some() || (!hex && digits.contains(['e', 'E'])) {
            Literal::Real(suffix.unwrap_or(RealSuffix::Double))
        } else {
            Literal::Integer
        });
    }
    if v.starts_with("async ") || v.starts_with("delegate") || v.contains("=>") {
        return Some(Literal::Lambda);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_read_from_their_text() {
        assert_eq!(literal_kind("\"a\""), Some(Literal::Str));
        assert_eq!(literal_kind("$\"{x}\""), Some(Literal::Str));
        assert_eq!(literal_kind("nameof(X)"), Some(Literal::Str));
        assert_eq!(literal_kind("42"), Some(Literal::Integer));
        assert_eq!(literal_kind("-1"), Some(Literal::Integer));
        assert_eq!(literal_kind("0xFF"), Some(Literal::Integer));
        assert_eq!(literal_kind("0xFD"), Some(Literal::Integer));
        assert_eq!(literal_kind("1.5"), Some(Literal::Real(RealSuffix::Double)));
        assert_eq!(literal_kind("1.5d"), Some(Literal::Real(RealSuffix::Double)));
        assert_eq!(literal_kind("1.5f"), Some(Literal::Real(RealSuffix::Float)));
        assert_eq!(literal_kind("2m"), Some(Literal::Real(RealSuffix::Decimal)));
        assert_eq!(literal_kind("1e3"), Some(Literal::Real(RealSuffix::Double)));
        assert_eq!(literal_kind("null"), Some(Literal::Null));
        assert_eq!(literal_kind("x => x.Id"), Some(Literal::Lambda));
        assert_eq!(literal_kind("resource.Id"), None);
    }

    #[test]
    fn the_shape_reads_the_value_after_a_name() {
        assert_eq!(ArgumentShape::of("out var x", false).passed_by, Some(PassedBy::Out));
        assert_eq!(ArgumentShape::of("result: ref total", true).passed_by, Some(PassedBy::Ref));
        assert_eq!(ArgumentShape::of(" in point", false).passed_by, Some(PassedBy::In));
        assert_eq!(ArgumentShape::of("input", false), ArgumentShape::default());
        assert_eq!(ArgumentShape::of("count: 3", true).literal, Some(Literal::Integer));
        // Unnamed, a `:` is part of the value (a conditional), which is no literal.
        assert_eq!(ArgumentShape::of("ok ? 1 : 2", false).literal, None);
    }

    #[test]
    fn tokens_by_convention_are_known_by_their_names() {
        for token in
            ["ct", "cancellationToken: token", "CancellationToken.None", "HttpContext.RequestAborted", "_cancel"]
        {
            assert!(ArgumentShape::of(token, token.contains(':')).named_like_token, "{token}");
        }
        for other in ["count", "tokenizer", "GetToken()", "ct.Token()"] {
            assert!(!ArgumentShape::of(other, false).named_like_token, "{other}");
        }
    }
}
