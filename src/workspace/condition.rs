//! MSBuild `Condition` attributes, evaluated as far as a project file allows without a build.
//!
//! The project model must not assume one configuration or target framework: `GeneratePackageOnBuild` set only for
//! Release still makes a library published. So what cannot be known here (a property the SDK or the command line
//! sets, `Exists(...)`, item lists) evaluates to [`Truth::Unknown`], and the caller decides which way to lean.
//!
//! A property no file read sets is empty only for the test that it is (`'$(X)' == ''`, how project files give a
//! default): any other test of it could be about a value the command line, the environment or an SDK gives it.

/// What a condition learns when it reads a property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Value(String),
    /// No file read sets it.
    Unset,
    /// It takes a build to know: `$(Configuration)`, or a value built from other properties.
    Unknown,
}

/// The value of a condition, with room for "cannot tell without running MSBuild".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        }
    }
}

/// Evaluates `condition`, reading properties through `property`.
pub fn evaluate(condition: &str, property: &dyn Fn(&str) -> Lookup) -> Truth {
    let Some(tokens) = tokenize(condition) else {
        return Truth::Unknown;
    };
    let mut parser = Parser { tokens: &tokens, at: 0, property };
    match parser.or_expression() {
        Some(truth) if parser.at == tokens.len() => truth,
        _ => Truth::Unknown,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A quoted string or a bare `$(...)`, before its properties are expanded.
    Text(String),
    /// A bare word such as `true`.
    Word(String),
    /// Something this evaluator does not model: `Exists(...)`, `@(Items)`, `%(Metadata)`.
    Opaque,
    Open,
    Close,
    Not,
    And,
    Or,
    Compare(&'static str),
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            _ if c.is_whitespace() => i += 1,
            '\'' => {
                let end = closing_quote(&chars, i)?;
                tokens.push(Token::Text(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            '$' | '@' | '%' if chars.get(i + 1) == Some(&'(') => {
                let end = matching_paren(&chars, i + 1)?;
                tokens.push(if c == '$' { Token::Text(chars[i..=end].iter().collect()) } else { Token::Opaque });
                i = end + 1;
            }
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '!' | '=' | '<' | '>' => {
                let two = chars.get(i + 1) == Some(&'=');
                let token = match (c, two) {
                    ('!', false) => Token::Not,
                    ('!', true) => Token::Compare("!="),
                    ('=', true) => Token::Compare("=="),
                    ('<', false) => Token::Compare("<"),
                    ('<', true) => Token::Compare("<="),
                    ('>', false) => Token::Compare(">"),
                    ('>', true) => Token::Compare(">="),
                    _ => return None,
                };
                tokens.push(token);
                i += if two { 2 } else { 1 };
            }
            _ if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '-')) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&'(') {
                    // A condition function (`Exists`, `HasTrailingSlash`) needs the file system or more.
                    i = matching_paren(&chars, i)? + 1;
                    tokens.push(Token::Opaque);
                } else if word.eq_ignore_ascii_case("and") {
                    tokens.push(Token::And);
                } else if word.eq_ignore_ascii_case("or") {
                    tokens.push(Token::Or);
                } else {
                    tokens.push(Token::Word(word));
                }
            }
            _ => return None,
        }
    }
    Some(tokens)
}

/// The index of the `'` closing the one at `open`; a `$(...)` inside may hold quotes of its own.
fn closing_quote(chars: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '\'' => return Some(i),
            '$' if chars.get(i + 1) == Some(&'(') => i = matching_paren(chars, i + 1)? + 1,
            _ => i += 1,
        }
    }
    None
}

/// The index of the `)` closing the `(` at `open`, skipping the arguments quoted inside (`'`, `"` or `` ` ``).
fn matching_paren(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (i, &c) in chars.iter().enumerate().skip(open) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    property: &'a dyn Fn(&str) -> Lookup,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<&Token> {
        self.at += 1;
        self.tokens.get(self.at - 1)
    }

    fn or_expression(&mut self) -> Option<Truth> {
        let mut truth = self.and_expression()?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            truth = truth.or(self.and_expression()?);
        }
        Some(truth)
    }

    fn and_expression(&mut self) -> Option<Truth> {
        let mut truth = self.negation()?;
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            truth = truth.and(self.negation()?);
        }
        Some(truth)
    }

    fn negation(&mut self) -> Option<Truth> {
        if self.peek() == Some(&Token::Not) {
            self.at += 1;
            return Some(self.negation()?.not());
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<Truth> {
        if self.peek() == Some(&Token::Open) {
            self.at += 1;
            let truth = self.or_expression()?;
            return (self.next()? == &Token::Close).then_some(truth);
        }
        let left = self.operand()?;
        if let Some(&Token::Compare(op)) = self.peek() {
            self.at += 1;
            let right = self.operand()?;
            return Some(compare(left, op, right));
        }
        Some(match left.filter(|l| !l.reads_unset).map(|l| l.text.to_ascii_lowercase()).as_deref() {
            Some("true") => Truth::True,
            Some("false") => Truth::False,
            _ => Truth::Unknown,
        })
    }

    /// An operand's value; the outer `None` is a syntax error, the inner one an unknown value.
    fn operand(&mut self) -> Option<Option<Operand>> {
        Some(match self.next()?.clone() {
            Token::Text(text) => expand(&text, self.property),
            Token::Word(word) => Some(Operand { text: word, reads_unset: false }),
            Token::Opaque => None,
            _ => return None,
        })
    }
}

/// An operand with its properties expanded, unset ones as empty.
struct Operand {
    text: String,
    reads_unset: bool,
}

fn compare(left: Option<Operand>, op: &str, right: Option<Operand>) -> Truth {
    let (Some(left), Some(right)) = (left, right) else {
        return Truth::Unknown;
    };
    if left.reads_unset || right.reads_unset {
        let other = if left.reads_unset { &right } else { &left };
        let tests_for_empty = matches!(op, "==" | "!=") && !other.reads_unset && other.text.is_empty();
        if !tests_for_empty {
            return Truth::Unknown;
        }
    }
    let (left, right) = (left.text.as_str(), right.text.as_str());
    match op {
        // MSBuild compares strings without regard to case.
        "==" => Truth::from_bool(left.eq_ignore_ascii_case(right)),
        "!=" => Truth::from_bool(!left.eq_ignore_ascii_case(right)),
        _ => match (left.trim().parse::<f64>(), right.trim().parse::<f64>()) {
            (Ok(l), Ok(r)) => Truth::from_bool(match op {
                "<" => l < r,
                "<=" => l <= r,
                ">" => l > r,
                _ => l >= r,
            }),
            _ => Truth::Unknown,
        },
    }
}

/// Replaces every `$(...)` in `text`; `None` when one of them cannot be known.
fn expand(text: &str, property: &dyn Fn(&str) -> Lookup) -> Option<Operand> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Operand { text: String::new(), reads_unset: false };
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && chars.get(i + 1) == Some(&'(') {
            let end = matching_paren(&chars, i + 1)?;
            let inner: String = chars[i + 2..end].iter().collect();
            match property_expression(&inner, property)? {
                Some(value) => out.text.push_str(&value),
                None => out.reads_unset = true,
            }
            i = end + 1;
        } else if matches!(chars[i], '@' | '%') && chars.get(i + 1) == Some(&'(') {
            return None;
        } else {
            out.text.push(chars[i]);
            i += 1;
        }
    }
    Some(out)
}

/// `Name`, or `Name.Method('arg')...` with the string methods project files use to sort projects by name
/// (`$(MSBuildProjectName.EndsWith('Tests'))`). Static calls (`$([MSBuild]::...)`) are unknown. `Some(None)`: an
/// unset property.
fn property_expression(inner: &str, property: &dyn Fn(&str) -> Lookup) -> Option<Option<String>> {
    let inner = inner.trim();
    let name_end = inner.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(inner.len());
    if name_end == 0 {
        return None;
    }
    let mut rest = &inner[name_end..];
    let mut value = match property(&inner[..name_end]) {
        Lookup::Value(value) => value,
        Lookup::Unset if rest.is_empty() => return Some(None),
        Lookup::Unset | Lookup::Unknown => return None,
    };
    while let Some(call) = rest.strip_prefix('.') {
        let open = call.find('(')?;
        let close = call.find(')')?;
        let method = &call[..open];
        let argument = unquote(call[open + 1..close].trim());
        value = match (method, argument) {
            ("EndsWith", Some(a)) => capitalized_bool(value.ends_with(a)),
            ("StartsWith", Some(a)) => capitalized_bool(value.starts_with(a)),
            ("Contains", Some(a)) => capitalized_bool(value.contains(a)),
            ("ToLower" | "ToLowerInvariant", None) => value.to_lowercase(),
            ("ToUpper" | "ToUpperInvariant", None) => value.to_uppercase(),
            ("Trim", None) => value.trim().to_string(),
            _ => return None,
        };
        rest = &call[close + 1..];
    }
    rest.is_empty().then_some(Some(value))
}

/// A property function's string argument, in any of the three quotes MSBuild accepts.
fn unquote(argument: &str) -> Option<&str> {
    let quote = argument.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
    argument[1..].strip_suffix(quote)
}

/// How .NET prints a `bool`, which is what MSBuild compares afterwards.
fn capitalized_bool(b: bool) -> String {
    if b { "True" } else { "False" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(condition: &str) -> Truth {
        let known = |name: &str| match name {
            "MSBuildProjectName" => Lookup::Value("Shop.Core.Tests".to_string()),
            "TargetFramework" => Lookup::Value("net8.0".to_string()),
            "Empty" => Lookup::Value(String::new()),
            "Configuration" => Lookup::Unknown,
            _ => Lookup::Unset,
        };
        evaluate(condition, &known)
    }

    #[test]
    fn comparisons_of_known_properties() {
        assert_eq!(eval("'$(TargetFramework)' == 'NET8.0'"), Truth::True, "case-insensitive");
        assert_eq!(eval(" '$(TargetFramework)' != 'net8.0' "), Truth::False);
        assert_eq!(eval("'$(Empty)' == ''"), Truth::True);
        assert_eq!(eval("'$(TargetFramework)|$(Empty)' == 'net8.0|'"), Truth::True);
    }

    #[test]
    fn property_functions_on_the_project_name() {
        assert_eq!(eval("$(MSBuildProjectName.EndsWith('Tests'))"), Truth::True);
        assert_eq!(eval("'$(MSBuildProjectName.EndsWith(`Tests`))' == 'true'"), Truth::True);
        assert_eq!(eval("'$(MSBuildProjectName.Contains(\"x\"))' == 'true'"), Truth::False);
        assert_eq!(eval("'$(MSBuildProjectName.StartsWith(\'Shop\'))' == 'true'"), Truth::True);
        assert_eq!(eval("$(MSBuildProjectName.ToLower().Contains('tests'))"), Truth::True);
        assert_eq!(eval("!$(MSBuildProjectName.Contains('Benchmarks'))"), Truth::True);
    }

    #[test]
    fn what_needs_a_build_is_unknown() {
        assert_eq!(eval("'$(Configuration)' == 'Release'"), Truth::Unknown);
        assert_eq!(eval("Exists('$(MSBuildThisFileDirectory)x.props')"), Truth::Unknown);
        assert_eq!(eval("'@(Compile)' != ''"), Truth::Unknown);
        assert_eq!(eval("$([MSBuild]::IsOSPlatform('Windows'))"), Truth::Unknown);
        assert_eq!(eval("'$(TargetFramework)' =="), Truth::Unknown, "malformed");
    }

    #[test]
    fn an_unset_property_is_known_only_to_be_empty() {
        assert_eq!(eval("'$(IsUnitTestProject)' == ''"), Truth::True);
        assert_eq!(eval("'$(IsUnitTestProject)' != ''"), Truth::False);
        assert_eq!(eval("'$(IsUnitTestProject)$(Empty)' == ''"), Truth::True);
        assert_eq!(eval("'$(IsUnitTestProject)' == 'true'"), Truth::Unknown, "the SDK or the environment may set it");
        assert_eq!(eval("'$(A)' == '$(B)'"), Truth::Unknown);
        assert_eq!(eval("$(IsUnitTestProject)"), Truth::Unknown);
        assert_eq!(eval("$(IsUnitTestProject.EndsWith('x'))"), Truth::Unknown);
        assert_eq!(eval("'$(Configuration)' == ''"), Truth::Unknown);
    }

    #[test]
    fn logic_keeps_what_is_known() {
        assert_eq!(eval("'$(Configuration)' == 'Release' and '$(TargetFramework)' == 'net6.0'"), Truth::False);
        assert_eq!(eval("'$(Configuration)' == 'Release' OR '$(TargetFramework)' == 'net8.0'"), Truth::True);
        assert_eq!(eval("'$(Configuration)' == 'Release' and '$(TargetFramework)' == 'net8.0'"), Truth::Unknown);
        assert_eq!(eval("!('$(TargetFramework)' == 'net8.0' or false)"), Truth::False);
        assert_eq!(eval("'1.5' < '2'"), Truth::True);
    }
}
