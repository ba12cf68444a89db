//! Preprocessor-aware blanking of conditional-compilation branches and directive lines.
//!
//! tree-sitter-c-sharp models `#if` as a node that has to wrap whole declarations or statements, so a file whose
//! `#if`/`#else` branches each hold one half of a declaration comes out as ERROR nodes. Handing the parser the text
//! the compiler actually sees avoids that. Skipped text (and the conditional directive lines) is overwritten with
//! spaces instead of being removed, so byte offsets and line numbers of the blanked text are those of the original
//! and nodes found in it can edit the original file directly.
//!
//! The scan follows the C# compiler: inside a compiled section, comments and string literals are tracked across lines
//! so that a `#if` inside `/* */`, `@"..."` or `"""..."""` is not mistaken for a directive; inside a skipped section
//! every line whose first non-blank character is `#` is a directive, whatever precedes it.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// Which branch to keep: symbols defined for the build (DEBUG, TRACE, NET8_0_OR_GREATER, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Defines {
    symbols: HashSet<String>,
}

impl Defines {
    /// Symbols are case-sensitive, as in C#; surrounding whitespace and empty entries (from splitting `DEBUG;;TRACE`)
    /// are dropped.
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(symbols: I) -> Defines {
        let symbols = symbols.into_iter().map(|s| s.as_ref().trim().to_owned()).filter(|s| !s.is_empty()).collect();
        Defines { symbols }
    }

    pub fn is_defined(&self, s: &str) -> bool {
        self.symbols.contains(s)
    }
}

/// Blanks inactive conditional branches and every directive line of the compiled text (`#region`, `#pragma`,
/// `#nullable`, `#define` ...: tree-sitter-c-sharp 0.23.5 turns some of them into ERROR nodes, e.g. a `#pragma` in an
/// argument list or with a numeric warning code, and none of them holds code). Returns Cow::Borrowed when the text has
/// no directive at all (the common case must cost one memchr-like scan).
///
/// Every byte of a skipped branch, and of each `#if`/`#elif`/`#else`/`#endif` line, becomes a space except `\n` and
/// `\r`, so the result has the same length in bytes and the same line breaks as `text`. Conditional directive lines
/// are blanked rather than kept because the grammar parses `#if ... #endif` as a node that must enclose complete
/// declarations: with the lines kept, a split declaration still yields ERROR nodes even with one branch blanked.
pub fn blank_inactive<'a>(text: &'a str, defines: &Defines) -> Cow<'a, str> {
    blank(text, &inactive_ranges(text, defines))
}

/// The same, but with every condition inverted at the outermost level where it matters: the "other" branches, so a
/// caller can re-parse a file whose site lies in an inactive branch.
///
/// Precisely: the directive structure is the one the compiler sees under `defines`; then, for each `#if` group that
/// is compiled, the kept branch is the first one with non-blank text that `blank_inactive` skips, and everything inside
/// that branch is chosen as `blank_inactive` would (its nested groups are not inverted again, which keeps the view
/// close to a real build configuration). A group whose only non-blank branch is the compiled one (`#if DEBUG ...
/// #endif` with DEBUG defined) has nothing to invert, so it stays and the inversion moves down to the groups inside it.
/// One view cannot show everything: a third branch of an `#if/#elif/#else` chain, or a skipped group nested inside
/// a branch that is compiled while its own group also has an alternative, stays blank. When the caller already knows
/// the offset it cares about, [`blank_for_site`] is the exact tool.
pub fn blank_active<'a>(text: &'a str, defines: &Defines) -> Cow<'a, str> {
    if !may_have_directive(text) {
        return Cow::Borrowed(text);
    }
    blank(text, &ranges(text, &Structure::scan(text, defines), Mode::Invert))
}

/// Blanks so that the branch holding byte `offset` is compiled, with every `#if` group on the way to it opened at the
/// branch that contains it and every other group chosen as [`blank_inactive`] would. This is the sound way to re-parse
/// a file around one site found in skipped code: the result is a configuration some build could have produced, as far
/// as the conditions along the path allow. An offset on a directive line or outside every group gives the same text
/// as `blank_inactive`.
pub fn blank_for_site<'a>(text: &'a str, defines: &Defines, offset: usize) -> Cow<'a, str> {
    if !may_have_directive(text) {
        return Cow::Borrowed(text);
    }
    blank(text, &ranges(text, &Structure::scan(text, defines), Mode::Site(offset)))
}

/// Byte ranges (in the original text) that blank_inactive blanks out.
///
/// Sorted, non-overlapping and merged when adjacent; they start at line starts and end at line starts (or the end of
/// the text), so they cover the line breaks in between, which blanking keeps as they are.
pub fn inactive_ranges(text: &str, defines: &Defines) -> Vec<Range<usize>> {
    if !may_have_directive(text) {
        return Vec::new();
    }
    ranges(text, &Structure::scan(text, defines), Mode::Normal)
}

/// Whether `text[range]` holds only part of some `#if` group: an `#else`, `#elif` or `#endif` whose `#if` lies before
/// the range, or an `#if` whose `#endif` lies after it. A declaration that does is written once per branch, and a
/// rewrite of the compiled branch alone would break the other builds.
pub fn crosses_conditional(text: &str, range: Range<usize>) -> bool {
    let Some(slice) = text.get(range) else { return false };
    if !may_have_directive(slice) {
        return false;
    }
    let mut depth = 0usize;
    for (start, content_end, _) in lines(slice) {
        match parse_directive(&slice[start..content_end]) {
            Some(Directive::If(_)) => depth += 1,
            Some(Directive::Elif(_) | Directive::Else) if depth == 0 => return true,
            Some(Directive::Endif) if depth == 0 => return true,
            Some(Directive::Endif) => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Whether the text may hold a directive at all: a `#` with only blanks before it on its line.
fn may_have_directive(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(hash) = text[from..].find('#').map(|i| from + i) {
        let line_start = bytes[..hash].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
        if text[line_start..hash].chars().all(is_blank) {
            return true;
        }
        from = hash + 1;
    }
    false
}

/// Blanks within a line, as the compiler counts them; the BOM is included because a file read without stripping it
/// starts with one and its first line may still be a directive.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{FEFF}')
}

fn blank<'a>(text: &'a str, ranges: &[Range<usize>]) -> Cow<'a, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for r in ranges {
        out.push_str(&text[copied..r.start]);
        // Byte by byte, so a multi-byte character becomes as many spaces as it had bytes and offsets stay put.
        out.extend(text.as_bytes()[r.clone()].iter().map(|&b| if b == b'\n' || b == b'\r' { b as char } else { ' ' }));
        copied = r.end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// One `#if ... #endif` chain as the compiler sees it under the scanned defines.
#[derive(Debug)]
struct Group {
    branches: Vec<Branch>,
    /// Missing when the file ends before the `#endif`; the last branch then runs to the end of the text.
    endif: Option<Range<usize>>,
}

#[derive(Debug)]
struct Branch {
    /// The `#if`/`#elif`/`#else` line, with its line break.
    directive: Range<usize>,
    /// The condition's own value (`#else` counts as true); whether the branch is compiled also depends on the branches
    /// before it and on the enclosing ones. Kept for skipped groups too, because the other views may open them.
    condition: bool,
    body: Range<usize>,
    children: Vec<usize>,
}

#[derive(Debug)]
struct Structure {
    groups: Vec<Group>,
    roots: Vec<usize>,
    /// Every directive line of the compiled text, with its line break.
    directive_lines: Vec<Range<usize>>,
}

struct Open {
    group: usize,
    /// Whether the text around the group is compiled.
    outer_active: bool,
    /// Whether one of its branches so far was compiled, which rules out the ones after it.
    taken: bool,
}

impl Structure {
    fn scan(text: &str, defines: &Defines) -> Structure {
        let mut structure = Structure { groups: Vec::new(), roots: Vec::new(), directive_lines: Vec::new() };
        // `#define`/`#undef` change the symbols for the rest of the file; copied only when a file uses them.
        let mut symbols: Cow<'_, HashSet<String>> = Cow::Borrowed(&defines.symbols);
        let mut open: Vec<Open> = Vec::new();
        let mut active = true;
        let mut lexer = Lexer::default();
        for (start, content_end, end) in lines(text) {
            let line = &text[start..content_end];
            // In compiled text a `#` line inside a multi-line comment or string is content, in skipped text never.
            let directive = if !active || lexer.at_code() { parse_directive(line) } else { None };
            let Some(directive) = directive else {
                if active {
                    lexer.line(line.as_bytes());
                }
                continue;
            };
            let here = start..end;
            if active {
                structure.directive_lines.push(here.clone());
            }
            match directive {
                Directive::If(expr) => {
                    let condition = evaluate(expr, &symbols);
                    let group = structure.groups.len();
                    structure.groups.push(Group {
                        branches: vec![Branch {
                            directive: here,
                            condition,
                            body: end..text.len(),
                            children: Vec::new(),
                        }],
                        endif: None,
                    });
                    match open.last() {
                        Some(parent) => {
                            structure.groups[parent.group].branches.last_mut().unwrap().children.push(group)
                        }
                        None => structure.roots.push(group),
                    }
                    open.push(Open { group, outer_active: active, taken: active && condition });
                    active = active && condition;
                }
                Directive::Elif(_) | Directive::Else => {
                    // An orphan `#else` is a compile error; leaving it alone is the least surprising answer.
                    let Some(current) = open.last_mut() else { continue };
                    let condition = match directive {
                        Directive::Elif(expr) => evaluate(expr, &symbols),
                        _ => true,
                    };
                    let branches = &mut structure.groups[current.group].branches;
                    branches.last_mut().unwrap().body.end = start;
                    branches.push(Branch { directive: here, condition, body: end..text.len(), children: Vec::new() });
                    active = current.outer_active && !current.taken && condition;
                    current.taken |= active;
                }
                Directive::Endif => {
                    let Some(current) = open.pop() else { continue };
                    let group = &mut structure.groups[current.group];
                    group.branches.last_mut().unwrap().body.end = start;
                    group.endif = Some(here);
                    active = current.outer_active;
                }
                Directive::Define(symbol) if active => {
                    symbols.to_mut().insert(symbol.to_owned());
                }
                Directive::Undef(symbol) if active => {
                    symbols.to_mut().remove(symbol);
                }
                Directive::Define(_) | Directive::Undef(_) | Directive::Other => {}
            }
        }
        structure
    }
}

/// `(start, end of content, end including the line break)` of each line. A lone `\r` ends a line too, as it does
/// for the compiler.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let line_start = start;
        let content_end =
            bytes[start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |p| start + p);
        let end = match bytes.get(content_end) {
            Some(b'\r') if bytes.get(content_end + 1) == Some(&b'\n') => content_end + 2,
            Some(_) => content_end + 1,
            None => content_end,
        };
        start = end;
        Some((line_start, content_end, end))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive<'a> {
    If(&'a str),
    Elif(&'a str),
    Else,
    Endif,
    Define(&'a str),
    Undef(&'a str),
    /// `#region`, `#pragma`, `#nullable`, ...: not ours to touch, but still not code to lex.
    Other,
}

fn parse_directive(line: &str) -> Option<Directive<'_>> {
    let rest = line.trim_start_matches(is_blank).strip_prefix('#')?;
    let rest = rest.trim_start_matches(is_blank);
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
    let (name, args) = rest.split_at(name_len);
    Some(match name {
        "if" => Directive::If(args),
        "elif" => Directive::Elif(args),
        "else" => Directive::Else,
        "endif" => Directive::Endif,
        "define" => Directive::Define(first_word(args)),
        "undef" => Directive::Undef(first_word(args)),
        _ => Directive::Other,
    })
}

fn first_word(args: &str) -> &str {
    let args = args.trim_start_matches(is_blank);
    let len = args.find(|c: char| is_blank(c) || c == '/').unwrap_or(args.len());
    &args[..len]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Value(bool),
    Not,
    And,
    Or,
    Eq,
    Ne,
    Open,
    Close,
}

/// Value of a `#if`/`#elif` expression. A malformed one is an error for the compiler; counting it as false keeps
/// going with the branch that a fixed-up file is least likely to compile.
fn evaluate(expr: &str, symbols: &HashSet<String>) -> bool {
    let Some(tokens) = tokenize(expr, symbols) else {
        return false;
    };
    let mut parser = ExprParser { tokens: &tokens, pos: 0, depth: 0 };
    match parser.or() {
        Some(value) if parser.pos == tokens.len() => value,
        _ => false,
    }
}

fn tokenize(expr: &str, symbols: &HashSet<String>) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut rest = expr;
    loop {
        rest = rest.trim_start_matches(is_blank);
        if rest.is_empty() {
            return Some(tokens);
        }
        let (token, len) = match rest.get(..2).unwrap_or(rest) {
            "//" => return Some(tokens),
            "&&" => (Token::And, 2),
            "||" => (Token::Or, 2),
            "==" => (Token::Eq, 2),
            "!=" => (Token::Ne, 2),
            _ => match rest.chars().next()? {
                '!' => (Token::Not, 1),
                '(' => (Token::Open, 1),
                ')' => (Token::Close, 1),
                c if c.is_alphanumeric() || c == '_' => {
                    let len = rest.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(rest.len());
                    let value = match &rest[..len] {
                        "true" => true,
                        "false" => false,
                        symbol => symbols.contains(symbol),
                    };
                    (Token::Value(value), len)
                }
                _ => return None,
            },
        };
        tokens.push(token);
        rest = &rest[len..];
    }
}

/// Recursive descent with C#'s precedence: `!` over `==`/`!=` over `&&` over `||`.
struct ExprParser<'a> {
    tokens: &'a [Token],
    pos: usize,
    /// Parenthesis nesting, bounded so that a hostile line of `((((...` cannot overflow the stack.
    depth: usize,
}

impl ExprParser<'_> {
    fn eat(&mut self, token: Token) -> bool {
        let hit = self.tokens.get(self.pos) == Some(&token);
        self.pos += usize::from(hit);
        hit
    }

    fn or(&mut self) -> Option<bool> {
        let mut value = self.and()?;
        while self.eat(Token::Or) {
            value |= self.and()?;
        }
        Some(value)
    }

    fn and(&mut self) -> Option<bool> {
        let mut value = self.equality()?;
        while self.eat(Token::And) {
            value &= self.equality()?;
        }
        Some(value)
    }

    fn equality(&mut self) -> Option<bool> {
        let mut value = self.unary()?;
        loop {
            if self.eat(Token::Eq) {
                value = value == self.unary()?;
            } else if self.eat(Token::Ne) {
                value = value != self.unary()?;
            } else {
                return Some(value);
            }
        }
    }

    fn unary(&mut self) -> Option<bool> {
        let mut negate = false;
        while self.eat(Token::Not) {
            negate = !negate;
        }
        let value = match *self.tokens.get(self.pos)? {
            Token::Value(value) => {
                self.pos += 1;
                value
            }
            Token::Open if self.depth < 64 => {
                self.pos += 1;
                self.depth += 1;
                let value = self.or()?;
                self.depth -= 1;
                if !self.eat(Token::Close) {
                    return None;
                }
                value
            }
            _ => return None,
        };
        Some(value != negate)
    }
}

/// What a compiled line has open at its end: comments and strings that continue on the next line, and the
/// interpolation holes inside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    BlockComment,
    /// `"..."` or `$"..."`; only its interpolation holes may span lines.
    Regular {
        interpolated: bool,
    },
    /// `@"..."`, `$@"..."` or `@$"..."`.
    Verbatim {
        interpolated: bool,
    },
    /// `"""..."""` with `quotes` quotes, interpolated when `dollars` > 0.
    Raw {
        quotes: usize,
        dollars: usize,
    },
    /// Code inside an interpolation hole: `close` braces end it, once the `braces` it opened itself are closed.
    Hole {
        close: usize,
        braces: usize,
    },
}

#[derive(Debug, Default)]
struct Lexer {
    stack: Vec<Frame>,
}

fn run(line: &[u8], from: usize, byte: u8) -> usize {
    line[from..].iter().take_while(|&&b| b == byte).count()
}

impl Lexer {
    /// A directive has to start a line of code: not inside a comment or string, nor inside an interpolation hole,
    /// whose line breaks belong to the string expression around it.
    fn at_code(&self) -> bool {
        self.stack.is_empty()
    }

    fn line(&mut self, line: &[u8]) {
        let mut i = 0;
        while i < line.len() {
            i = match self.stack.last().copied() {
                None | Some(Frame::Hole { .. }) => self.code(line, i),
                Some(Frame::BlockComment) => match line[i..].windows(2).position(|w| w == b"*/") {
                    Some(p) => {
                        self.stack.pop();
                        i + p + 2
                    }
                    None => line.len(),
                },
                Some(Frame::Regular { interpolated }) => match line[i] {
                    b'\\' => i + 2,
                    b'"' => {
                        self.stack.pop();
                        i + 1
                    }
                    b'{' if interpolated => self.brace_in_string(line, i),
                    _ => i + 1,
                },
                Some(Frame::Verbatim { interpolated }) => match line[i] {
                    b'"' if line.get(i + 1) == Some(&b'"') => i + 2,
                    b'"' => {
                        self.stack.pop();
                        i + 1
                    }
                    b'{' if interpolated => self.brace_in_string(line, i),
                    _ => i + 1,
                },
                Some(Frame::Raw { quotes, dollars }) => match line[i] {
                    b'"' => {
                        let n = run(line, i, b'"');
                        if n >= quotes {
                            self.stack.pop();
                        }
                        i + n
                    }
                    b'{' if dollars > 0 => {
                        let n = run(line, i, b'{');
                        if n >= dollars {
                            self.stack.push(Frame::Hole { close: dollars, braces: 0 });
                        }
                        i + n
                    }
                    _ => i + 1,
                },
            };
        }
        // An unterminated regular string or character ends with its line; the compiler recovers the same way.
        while let Some(Frame::Regular { .. }) = self.stack.last() {
            self.stack.pop();
        }
    }

    fn brace_in_string(&mut self, line: &[u8], i: usize) -> usize {
        if line.get(i + 1) == Some(&b'{') {
            return i + 2;
        }
        self.stack.push(Frame::Hole { close: 1, braces: 0 });
        i + 1
    }

    /// Lexes one code token's worth from `i`, returning where to continue.
    fn code(&mut self, line: &[u8], i: usize) -> usize {
        let next = line.get(i + 1).copied();
        match line[i] {
            b'/' if next == Some(b'/') => line.len(),
            b'/' if next == Some(b'*') => {
                self.stack.push(Frame::BlockComment);
                i + 2
            }
            b'@' if next == Some(b'"') => {
                self.stack.push(Frame::Verbatim { interpolated: false });
                i + 2
            }
            b'@' if next == Some(b'$') && line.get(i + 2) == Some(&b'"') => {
                self.stack.push(Frame::Verbatim { interpolated: true });
                i + 3
            }
            b'$' => {
                let dollars = run(line, i, b'$');
                let after = i + dollars;
                match line.get(after) {
                    Some(b'@') if line.get(after + 1) == Some(&b'"') => {
                        self.stack.push(Frame::Verbatim { interpolated: true });
                        after + 2
                    }
                    Some(b'"') => self.quotes(line, after, dollars),
                    _ => after,
                }
            }
            b'"' => self.quotes(line, i, 0),
            b'\'' => {
                // Skip an escape first so that '\'' does not end at its middle quote.
                let from = if next == Some(b'\\') { i + 3 } else { i + 1 };
                match line.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'\'')) {
                    Some(p) => from + p + 1,
                    None => line.len(),
                }
            }
            b'{' => {
                if let Some(Frame::Hole { braces, .. }) = self.stack.last_mut() {
                    *braces += 1;
                }
                i + 1
            }
            b'}' => match self.stack.last_mut() {
                Some(Frame::Hole { braces, .. }) if *braces > 0 => {
                    *braces -= 1;
                    i + 1
                }
                Some(&mut Frame::Hole { close, .. }) => {
                    self.stack.pop();
                    i + run(line, i, b'}').clamp(1, close)
                }
                _ => i + 1,
            },
            _ => i + 1,
        }
    }

    /// A string starting with the quotes at `i`, after `dollars` dollar signs.
    fn quotes(&mut self, line: &[u8], i: usize, dollars: usize) -> usize {
        match run(line, i, b'"') {
            // `""` is an empty string, not the start of anything.
            2 => i + 2,
            1 => {
                self.stack.push(Frame::Regular { interpolated: dollars > 0 });
                i + 1
            }
            quotes => {
                self.stack.push(Frame::Raw { quotes, dollars });
                i + quotes
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The compiler's choice.
    Normal,
    /// The first other non-blank branch; see `blank_active`.
    Invert,
    /// The branch holding this offset.
    Site(usize),
}

/// The branch to keep in `group`, and how to choose inside it.
fn choose(text: &str, group: &Group, mode: Mode) -> (Option<usize>, Mode) {
    let compiled = group.branches.iter().position(|b| b.condition);
    match mode {
        Mode::Normal => (compiled, Mode::Normal),
        Mode::Invert => {
            let other = (0..group.branches.len())
                .find(|&i| Some(i) != compiled && !text[group.branches[i].body.clone()].trim().is_empty());
            match other {
                Some(i) => (Some(i), Mode::Normal),
                None => (compiled, Mode::Invert),
            }
        }
        Mode::Site(offset) => match group.branches.iter().position(|b| b.body.contains(&offset)) {
            Some(i) => (Some(i), mode),
            None => (compiled, Mode::Normal),
        },
    }
}

fn ranges(text: &str, structure: &Structure, mode: Mode) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    collect(text, structure, &structure.roots, mode, &mut groups);
    // Both lists are sorted; merge them, joining ranges that touch or overlap.
    let mut all: Vec<Range<usize>> = groups.into_iter().chain(structure.directive_lines.iter().cloned()).collect();
    all.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all.into_iter().filter(|r| !r.is_empty()) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn collect(text: &str, structure: &Structure, groups: &[usize], mode: Mode, out: &mut Vec<Range<usize>>) {
    for &g in groups {
        let group = &structure.groups[g];
        let (keep, inner) = choose(text, group, mode);
        for (i, branch) in group.branches.iter().enumerate() {
            push(out, branch.directive.clone());
            if keep == Some(i) {
                collect(text, structure, &branch.children, inner, out);
            } else {
                push(out, branch.body.clone());
            }
        }
        if let Some(endif) = &group.endif {
            push(out, endif.clone());
        }
    }
}

fn push(out: &mut Vec<Range<usize>>, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => out.push(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defines(symbols: &[&str]) -> Defines {
        Defines::new(symbols.iter().copied())
    }

    fn parse(text: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_c_sharp::LANGUAGE.into()).unwrap();
        p.parse(text, None).unwrap()
    }

    fn error_nodes(text: &str) -> usize {
        let tree = parse(text);
        let mut count = 0;
        let mut cursor = tree.walk();
        loop {
            let node = cursor.node();
            count += usize::from(node.is_error() || node.is_missing());
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            loop {
                if !cursor.goto_parent() {
                    return count;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }

    /// The lines of `blanked` that still hold something, trimmed, so expectations read like the compiled code.
    fn kept(blanked: &str) -> Vec<&str> {
        blanked.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    }

    /// Holds for every output of every view: same length, same line breaks, and each byte either kept or a space.
    fn assert_shape(original: &str, blanked: &str) {
        assert_eq!(original.len(), blanked.len());
        for (i, (&a, &b)) in original.as_bytes().iter().zip(blanked.as_bytes()).enumerate() {
            if a == b'\n' || a == b'\r' {
                assert_eq!(a, b, "line break at {i} changed");
            } else {
                assert!(a == b || b == b' ', "byte {i} became {b:?} instead of a space");
            }
        }
    }

    const SPLIT: &str =
        "class C\n{\n#if NETSTANDARD2_0\n    public void M() {\n#else\n    public void M(int x) {\n#endif\n    }\n}\n";

    #[test]
    fn split_declaration_parses_without_errors_in_both_configurations() {
        assert!(parse(SPLIT).root_node().has_error(), "the example should be a problem to begin with");
        for symbols in [&[][..], &["NETSTANDARD2_0"][..]] {
            let blanked = blank_inactive(SPLIT, &defines(symbols));
            assert_shape(SPLIT, &blanked);
            assert!(!parse(&blanked).root_node().has_error(), "{symbols:?}:\n{blanked}");
        }
        assert_eq!(
            kept(&blank_inactive(SPLIT, &defines(&["NETSTANDARD2_0"]))),
            ["class C", "{", "public void M() {", "}", "}"]
        );
        assert_eq!(kept(&blank_inactive(SPLIT, &defines(&[]))), ["class C", "{", "public void M(int x) {", "}", "}"]);
    }

    /// Compiler-valid files whose branches split declarations, statements, argument lists and base lists.
    const CORPUS: &[&str] = &[
        SPLIT,
        "class C\n{\n    void M()\n    {\n#if DEBUG\n        if (a) {\n#else\n        if (b) {\n#endif\n            Run();\n        }\n    }\n}\n",
        "class C\n{\n    void M() => Call(a,\n#if DEBUG\n        b\n#else\n        c\n#endif\n    );\n}\n",
        "class C :\n#if DEBUG\n    IA\n#else\n    IB\n#endif\n{\n}\n",
        "class C\n{\n#if DEBUG\n    void A() { }\n#elif TRACE\n    void B() { }\n#else\n    void D() { }\n#endif\n}\n",
        "class C\n{\n    async Task M()\n    {\n#if NET8_0_OR_GREATER\n        await using var s = Open();\n#else\n        using var s = Open();\n#endif\n        await s.FlushAsync();\n    }\n}\n",
        "namespace N\n{\n#if DEBUG\n    public partial class C\n#else\n    internal partial class C\n#endif\n    {\n    }\n}\n",
    ];

    /// Ranges of the compiled view without the directive lines, to measure the alternative of keeping them.
    fn bodies_only(text: &str, defines: &Defines) -> Vec<Range<usize>> {
        fn walk(structure: &Structure, groups: &[usize], out: &mut Vec<Range<usize>>) {
            for &g in groups {
                let group = &structure.groups[g];
                let keep = group.branches.iter().position(|b| b.condition);
                for (i, branch) in group.branches.iter().enumerate() {
                    if keep == Some(i) {
                        walk(structure, &branch.children, out);
                    } else {
                        push(out, branch.body.clone());
                    }
                }
            }
        }
        let structure = Structure::scan(text, defines);
        let mut out = Vec::new();
        walk(&structure, &structure.roots, &mut out);
        out
    }

    #[test]
    fn blanking_directive_lines_parses_cleaner_than_keeping_them() {
        let (mut with_lines, mut without_lines, mut untouched) = (0, 0, 0);
        for text in CORPUS {
            for symbols in [&[][..], &["DEBUG"][..], &["TRACE", "NETSTANDARD2_0", "NET8_0_OR_GREATER"][..]] {
                let d = defines(symbols);
                untouched += error_nodes(text);
                with_lines += error_nodes(&blank(text, &bodies_only(text, &d)));
                let blanked = blank_inactive(text, &d);
                let errors = error_nodes(&blanked);
                assert_eq!(errors, 0, "{symbols:?}:\n{blanked}");
                without_lines += errors;
            }
        }
        eprintln!("ERROR/MISSING nodes: untouched {untouched}, directives kept {with_lines}, blanked {without_lines}");
        assert!(without_lines < with_lines);
    }

    #[test]
    fn text_without_directives_is_borrowed() {
        let text = "class C { string s = \"#\"; int x = a # b; }\n";
        assert!(matches!(blank_inactive(text, &defines(&[])), Cow::Borrowed(_)));
        assert!(matches!(blank_active(text, &defines(&[])), Cow::Borrowed(_)));
        assert!(matches!(blank_for_site(text, &defines(&[]), 3), Cow::Borrowed(_)));
        assert!(inactive_ranges(text, &defines(&[])).is_empty());
        // A `#if` that turns out not to be a directive costs a scan but still changes nothing.
        let text = "class C { string s = @\"\n#if X\"; }\n";
        assert!(matches!(blank_inactive(text, &defines(&[])), Cow::Borrowed(_)));
        assert!(may_have_directive("x\n  #   if A\n#endif\n"));
        assert!(!may_have_directive("x # y\n"));
    }

    #[test]
    fn crossing_a_conditional() {
        let text = SPLIT;
        let method = text.find("    public void M(int x)").unwrap()..text.rfind('}').unwrap();
        assert!(crosses_conditional(text, method));
        assert!(!crosses_conditional(text, 0..text.len()));
        let inner = "void M()\n{\n#if A\n    a();\n#else\n    b();\n#endif\n}\n";
        assert!(!crosses_conditional(inner, 0..inner.len()));
        assert!(crosses_conditional(inner, 0..inner.find("#else").unwrap()));
        assert!(!crosses_conditional("x", 0..5), "an out-of-range range is no crossing");
    }

    #[test]
    fn other_directive_lines_are_blanked_too() {
        // tree-sitter-c-sharp 0.23.5 cannot read a directive that ends the file; as blank lines they cost nothing.
        for text in [
            "class C\n{\n    void M()\n    {\n        var x = F(\n#pragma warning disable CS0618\n            Old(),\n#pragma warning restore 0618\n            1);\n    }\n}\n",
            "class C\n{\n    void M() { }\n}\n#pragma warning restore 1591",
        ] {
            let blanked = blank_inactive(text, &defines(&[]));
            assert_shape(text, &blanked);
            assert!(!parse(&blanked).root_node().has_error(), "{blanked}");
            assert!(!kept(&blanked).iter().any(|l| l.starts_with('#')));
        }
        // A directive on the last line, without a line break after it.
        assert!(parse("class C\n{\n    void M() { }\n}\n#pragma warning restore 1591").root_node().has_error());
    }

    #[test]
    fn nested_groups() {
        let text = "#if A\na1\n#if B\nb\n#else\nnot_b\n#endif\na2\n#else\nnot_a\n#if B\nb2\n#endif\n#endif\nend\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&["A", "B"]))), ["a1", "b", "a2", "end"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&["A"]))), ["a1", "not_b", "a2", "end"]);
        // B is defined, but its group sits in a skipped branch.
        assert_eq!(kept(&blank_inactive(text, &defines(&["B"]))), ["not_a", "b2", "end"]);
    }

    #[test]
    fn elif_chain_keeps_first_true_branch() {
        let text = "#if A\na\n#elif B\nb\n#elif C\nc\n#else\nnone\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&["A", "B"]))), ["a"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&["B", "C"]))), ["b"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&["C"]))), ["c"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["none"]);
    }

    #[test]
    fn expressions() {
        let d = defines(&["A", "B"]);
        let cases = [
            ("A", true),
            ("C", false),
            ("!C", true),
            ("!!A", true),
            ("A && B", true),
            ("A && C", false),
            ("C || B", true),
            ("C || A && !B", false),
            ("(C || A) && B", true),
            ("true", true),
            ("false || !true", false),
            ("A == B", true),
            ("A == C", false),
            ("A != C", true),
            ("C == false", true),
            ("!A == false", true),
            ("A==true&&(B!=false)", true),
            ("((A))", true),
            ("A // and a comment", true),
            ("C // A", false),
            // Malformed ones are errors for the compiler: the branch is dropped.
            ("", false),
            ("A &&", false),
            ("(A", false),
            ("A)", false),
            ("A & B", false),
        ];
        for (expr, expected) in cases {
            assert_eq!(evaluate(expr, &d.symbols), expected, "{expr}");
            let text = format!("#if {expr}\nyes\n#else\nno\n#endif\n");
            assert_eq!(kept(&blank_inactive(&text, &d)), [if expected { "yes" } else { "no" }], "{expr}");
        }
        let deep = format!("{}A{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(!evaluate(&deep, &d.symbols));
        assert!(evaluate(&format!("{}A", "!".repeat(100_000)), &d.symbols));
    }

    #[test]
    fn define_and_undef_change_the_rest_of_the_file() {
        let text = "#define X\n#undef DEBUG\n#if X && !DEBUG\nyes\n#else\nno\n#endif\n";
        let blanked = blank_inactive(text, &defines(&["DEBUG"]));
        assert_eq!(kept(&blanked), ["yes"]);
        // A `#define` in a skipped branch does not count.
        let text = "#if NOPE\n#define X\n#endif\n#if X\nx\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), Vec::<&str>::new());
        let text = "#define X // why\n#if X\nx\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["x"]);
    }

    #[test]
    fn directives_with_leading_whitespace_and_trailing_comments() {
        let text = "    #if DEBUG // only in debug\n  a\n\t#else // release\n  b\n  \t #endif // DEBUG\n# if DEBUG\nc\n#  endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&["DEBUG"]))), ["a", "c"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["b"]);
        // `#ifdef` is not `#if` (it is no directive C# knows, but still no code).
        let text = "#ifdef A\nx\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["x"]);
    }

    #[test]
    fn directive_lookalikes_inside_strings_and_comments_are_content() {
        let d = defines(&[]);
        let cases = [
            "var s = @\"\n#if A\nverbatim\n#endif\n\";\n",
            "var s = $@\"{x}\n#if A\n\"\" {{ \n#endif\n\";\n",
            "var s = @$\"\n#if A\n#endif\n\";\n",
            "var s = \"\"\"\n#if A\nraw \"\" \"\n#endif\n\"\"\";\n",
            "var s = $$\"\"\"\n{{x}} {\n#if A\n#endif\n\"\"\";\n",
            "/* comment\n#if A\n*/ x /*\n#endif\n*/\n",
            "/// <code>\n/// #if A\n/// </code>\nx // #if A\n",
            "var s = \"#if A\"; var c = '#';\n",
        ];
        for text in cases {
            assert!(inactive_ranges(text, &d).is_empty(), "{text}");
            assert!(matches!(blank_inactive(text, &d), Cow::Borrowed(_)), "{text}");
        }
        // Once the string or comment closes, directives count again.
        let text = "var s = @\"a\"\"\n#if A\n\";/*\n*/\n#if A\nskipped\n#endif\nafter\n";
        assert_eq!(kept(&blank_inactive(text, &d)), ["var s = @\"a\"\"", "#if A", "\";/*", "*/", "after"]);
        // A quote in a character literal or an escaped one does not open a string that swallows the directive.
        let text = "var c = '\"'; var e = '\\''; var s = \"\\\"\";\n#if A\nskipped\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &d)), ["var c = '\"'; var e = '\\''; var s = \"\\\"\";"]);
        // So does the interpolation in a raw string with a nested string inside its hole.
        let text = "var s = $\"\"\"\n{Call(\"}\")} \"\" \n\"\"\";\n#if A\nskipped\n#endif\n";
        assert!(!kept(&blank_inactive(text, &d)).contains(&"skipped"));
    }

    #[test]
    fn skipped_text_is_only_scanned_for_directives() {
        // As for the compiler: in a skipped branch an unterminated string does not hide the `#endif` after it.
        let text = "#if A\nvar s = @\"\n#endif\nafter\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["after"]);
    }

    #[test]
    fn other_directives_are_blanked_with_the_rest() {
        let text = "#region R\n#nullable enable\n#if A\n#pragma warning disable X\n#endif\ncode\n#pragma warning restore X\n#endregion\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["code"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&["A"]))), ["code"]);
        // A directive line is not code: the quote in `#region` must not open a string.
        let text = "#region \"odd\n#if A\nx\n#endif\ny\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["y"]);
    }

    #[test]
    fn unbalanced_directives_do_not_panic() {
        let text = "a\n#if A\nb\n#else\nc\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["a", "c"]);
        assert_eq!(kept(&blank_inactive(text, &defines(&["A"]))), ["a", "b"]);
        assert_eq!(inactive_ranges(text, &defines(&["A"])), [2..8, 10..text.len()]);
        let text = "#if A\nb";
        assert_eq!(blank_inactive(text, &defines(&[])), "     \n ");
        let text = "#endif\n#else\n#elif A\nx\n#if B\ny\n#endif\n#endif\n";
        assert_eq!(kept(&blank_inactive(text, &defines(&[]))), ["x"]);
        for text in ["#if", "#", "#if (", "#elif", "\r", "#if A\r", "@\"\n#if A", "$\"{\n#if A\n"] {
            for view in [blank_inactive(text, &defines(&[])), blank_active(text, &defines(&[]))] {
                assert_shape(text, &view);
            }
        }
    }

    #[test]
    fn ranges_and_line_breaks_are_exact() {
        let text = "a\n#if A\nb\n#else\nc\n#endif\nd\n";
        assert_eq!(inactive_ranges(text, &defines(&[])), [2..16, 18..25]);
        assert_eq!(blank_inactive(text, &defines(&[])), "a\n     \n \n     \nc\n      \nd\n");
        let crlf = text.replace('\n', "\r\n");
        let blanked = blank_inactive(&crlf, &defines(&[]));
        assert_eq!(blanked, "a\r\n     \r\n \r\n     \r\nc\r\n      \r\nd\r\n");
        // A lone carriage return ends a line as well.
        let cr = text.replace('\n', "\r");
        assert_eq!(blank_inactive(&cr, &defines(&["A"])), "a\r     \rb\r     \r \r      \rd\r");
    }

    #[test]
    fn utf8_in_blanked_regions_becomes_one_space_per_byte() {
        let text = "// é\n#if A\nvar s = \"é€😀\"; // ü\n#else\nvar t = \"ok\";\n#endif\n";
        let blanked = blank_inactive(text, &defines(&[]));
        assert_shape(text, &blanked);
        assert_eq!(blanked.lines().nth(2).unwrap(), " ".repeat("var s = \"é€😀\"; // ü".len()));
        assert_eq!(kept(&blanked), ["// é", "var t = \"ok\";"]);
        assert_eq!(kept(&blank_active(text, &defines(&[]))), ["// é", "var s = \"é€😀\"; // ü"]);
    }

    #[test]
    fn blank_active_shows_the_other_branches() {
        let d = defines(&["NET8"]);
        let text = "#if NET8\nnew_api\n#else\nold_api\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["old_api"]);
        assert!(!parse(&blank_active(SPLIT, &defines(&[]))).root_node().has_error());
        assert_eq!(kept(&blank_active(SPLIT, &defines(&[]))), ["class C", "{", "public void M() {", "}", "}"]);
        // No alternative here: keep the compiled branch and invert inside it.
        let text = "#if NET8\na\n#if DEBUG\ndebug\n#endif\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["a", "debug"]);
        // A blank `#else` is no alternative either.
        let text = "#if NET8\na\n#if DEBUG\ndebug\n#endif\n#else\n\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["a", "debug"]);
        // A skipped `#if` without `#else` is opened.
        let text = "x\n#if DEBUG\ndebug\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["x", "debug"]);
        // Inside the opened branch, groups are chosen as the compiler would.
        let text = "#if !NET8\n#if NETFX\nn\n#else\nm\n#endif\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["m"]);
        // Only the first alternative of a chain fits in one view.
        let text = "#if NET8\na\n#elif X\nb\n#else\nc\n#endif\n";
        assert_eq!(kept(&blank_active(text, &d)), ["b"]);
    }

    #[test]
    fn blank_for_site_opens_the_path_to_the_offset() {
        let d = defines(&["NET8"]);
        let text = "#if NET8\na\n#elif X\nb\n#else\nc\n#if DEBUG\nd\n#else\ne\n#endif\n#endif\nz\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(kept(&blank_for_site(text, &d, at("a\n"))), ["a", "z"]);
        assert_eq!(kept(&blank_for_site(text, &d, at("b\n"))), ["b", "z"]);
        assert_eq!(kept(&blank_for_site(text, &d, at("c\n"))), ["c", "e", "z"]);
        assert_eq!(kept(&blank_for_site(text, &d, at("d\n"))), ["c", "d", "z"]);
        assert_eq!(kept(&blank_for_site(text, &d, at("z\n"))), ["a", "z"]);
        assert_eq!(blank_for_site(text, &d, at("#elif")), blank_inactive(text, &d));
    }

    /// xorshift64*: enough randomness to explore nestings, and reproducible from the printed seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Appends random nested groups around plain code lines, recording for each code line whether the compiler keeps
    /// it, so the result can be checked against the generator's own knowledge.
    fn generate(
        rng: &mut Rng,
        depth: usize,
        active: bool,
        newline: &str,
        out: &mut String,
        expect: &mut Vec<(String, bool)>,
    ) {
        const CODE: &[&str] = &["x();", "var s = \"é€😀\";", "// #if A", "int ü = 'x';", "   ", "y(\"#else\");"];
        const CONDITIONS: &[(&str, bool)] =
            &[("A", true), ("B", false), ("!B", true), ("A && B", false), ("A || B", true), ("(A == B)", false)];
        for _ in 0..rng.below(4) + 1 {
            if depth < 4 && rng.below(3) == 0 {
                let mut taken = false;
                let arms = rng.below(3) + 1;
                for arm in 0..arms {
                    let (keyword, condition, value) = match arm {
                        0 => ("if", CONDITIONS[rng.below(CONDITIONS.len())].0, true),
                        _ if arm + 1 == arms && rng.below(2) == 0 => ("else", "", true),
                        _ => ("elif", CONDITIONS[rng.below(CONDITIONS.len())].0, true),
                    };
                    let value = value && CONDITIONS.iter().find(|c| c.0 == condition).is_none_or(|c| c.1);
                    let indent = rng.pick(&["", "  ", "\t"]);
                    let comment = rng.pick(&["", " // note"]);
                    out.push_str(&format!("{indent}#{keyword} {condition}{comment}{newline}"));
                    let arm_active = active && !taken && value;
                    taken |= arm_active;
                    generate(rng, depth + 1, arm_active, newline, out, expect);
                }
                out.push_str(&format!("#endif{newline}"));
            } else {
                let line = format!("{} {}", rng.pick(CODE), expect.len());
                out.push_str(&line);
                out.push_str(newline);
                expect.push((line, active));
            }
        }
    }

    #[test]
    fn random_nestings_keep_exactly_the_compiled_lines() {
        let d = defines(&["A"]);
        for seed in 1..=500u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let newline = rng.pick(&["\n", "\r\n"]);
            let (mut text, mut expect) = (String::new(), Vec::new());
            generate(&mut rng, 0, true, newline, &mut text, &mut expect);
            let blanked = blank_inactive(&text, &d);
            assert_shape(&text, &blanked);
            let expected: Vec<&str> =
                expect.iter().filter(|e| e.1).map(|e| e.0.trim()).filter(|l| !l.is_empty()).collect();
            assert_eq!(kept(&blanked), expected, "seed {seed}:\n{text}");
            let ranges = inactive_ranges(&text, &d);
            assert!(ranges.windows(2).all(|w| w[0].end < w[1].start), "seed {seed}");
            for (i, (&a, &b)) in text.as_bytes().iter().zip(blanked.as_bytes()).enumerate() {
                let inside = ranges.iter().any(|r| r.contains(&i));
                let expected = if inside && a != b'\n' && a != b'\r' { b' ' } else { a };
                assert_eq!(b, expected, "seed {seed}, byte {i}");
            }
            assert_shape(&text, &blank_active(&text, &d));
            let offset = rng.below(text.len() + 1);
            assert_shape(&text, &blank_for_site(&text, &d, offset));
        }
    }

    #[test]
    fn random_directive_soup_never_panics() {
        const PIECES: &[&str] = &[
            "#if A",
            "#elif B",
            "#else",
            "#endif",
            "#define A",
            "#undef A",
            "# if (A",
            "@\"",
            "\"",
            "\"\"\"",
            "$\"{",
            "}",
            "/*",
            "*/",
            "'",
            "x",
            "é",
            "😀",
            "\\",
            "$$\"\"\"{{",
            "#region",
            "\n",
            "\r\n",
            "\r",
            " ",
            "//",
        ];
        for seed in 1..=2000u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(rng.pick(PIECES));
                if rng.below(3) == 0 {
                    text.push('\n');
                }
            }
            for symbols in [&[][..], &["A"][..], &["B"][..]] {
                let d = defines(symbols);
                assert_shape(&text, &blank_inactive(&text, &d));
                assert_shape(&text, &blank_active(&text, &d));
                assert_shape(&text, &blank_for_site(&text, &d, rng.below(text.len() + 1)));
                let ranges = inactive_ranges(&text, &d);
                assert!(ranges.iter().all(|r| r.start < r.end && r.end <= text.len()), "seed {seed}");
            }
        }
    }
}
