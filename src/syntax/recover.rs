//! Equal-length rewrites of code that tree-sitter-c-sharp 0.23.5 cannot read, applied to the text before it is
//! parsed (after the preprocessor view, see [`super::preprocessor`]).
//!
//! A parse error hides code: a site inside the broken region is reported at the wrong place or not at all, and the
//! planner refuses any edit near it. Each rule here finds one shape the grammar rejects although the compiler takes
//! it, and overwrites a few ASCII bytes so that the grammar reads the same structure: a contextual keyword used as
//! a name becomes another name (`async` → `_sync`), the `?` of a null-conditional assignment becomes a space. The
//! result has the same length and line breaks as the input, so every node's byte range is a range of the real file.
//!
//! Only the parser sees the substituted text. Everything that reads the text of a node (the facts, the transforms,
//! the edits) reads the file's own text at the node's range, so a local named `async` is still `async` to them:
//! a substitution changes which tree the grammar builds, never a name or a string the tool works with. That is why
//! the substitutions must be such that the tree they give is the one the compiler sees in the real text; see each
//! rule for why it is. See docs/parsing.md for the measurements behind the choice of rules.

use std::borrow::Cow;
use std::ops::Range;

use tree_sitter::Tree;

/// One way the text is changed for the parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// `async` or `partial` written where only a name can stand (`if (async)`, `partial.Span`): its first letter
    /// becomes `_`. The grammar takes these words as keywords wherever it can, while for the compiler a word
    /// followed by `)`, `;`, `,` (...) can only be a name.
    ///
    /// `await` as a name (legal outside async methods) is left broken on purpose: the planner does not check a
    /// method for it before making the method async, which would turn the name into the operator and break the
    /// build; the parse error keeps the code around it from being rewritten.
    KeywordAsName,
    /// An attribute-target word first in brackets (`[type]`, `[property.Name, x]`): the grammar starts an attribute
    /// list and fails, where the compiler reads a collection expression or an index. Its first letter becomes `_`.
    TargetWordInBrackets,
    /// The `?` of a C# 14 null-conditional assignment (`a?.B = v`, `a?[i] += v`) becomes a space: the grammar has
    /// no conditional assignment (see [`conditional_assignment`]).
    ConditionalAssignment,
    /// `partial` between `ref` and `struct` becomes spaces: the grammar wants `partial` first.
    RefPartialStruct,
    /// A `""` between a hole and the closing quote of a verbatim interpolated string (`$@"{x}"""`) becomes two
    /// spaces: the grammar reads the three quotes as the end of the string. String content is never read through
    /// the tree.
    QuotesAfterHole,
    /// A `{{` right before a hole (`$"{{{F("a")}}}"`) becomes two spaces: the grammar loses track of the string
    /// when the hole holds a string literal.
    BracesBeforeHole,
}

impl Rule {
    pub const ALL: [Rule; 6] = [
        Rule::KeywordAsName,
        Rule::TargetWordInBrackets,
        Rule::ConditionalAssignment,
        Rule::RefPartialStruct,
        Rule::QuotesAfterHole,
        Rule::BracesBeforeHole,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::KeywordAsName => "keyword as a name",
            Rule::TargetWordInBrackets => "attribute-target word in brackets",
            Rule::ConditionalAssignment => "null-conditional assignment",
            Rule::RefPartialStruct => "ref partial struct",
            Rule::QuotesAfterHole => "\"\" after a hole in a verbatim interpolated string",
            Rule::BracesBeforeHole => "{{ before a hole",
        }
    }
}

/// One substitution: the bytes of `range` are overwritten as its rule says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Substitution {
    pub range: Range<usize>,
    pub rule: Rule,
}

/// Parses `text` as asyncmod parses every file: with the substitutions of [`recover`] applied. Node ranges are
/// ranges of `text`; read node text from `text`, not from the substituted copy.
pub fn parse(text: &str) -> Tree {
    super::parse(&recover(text))
}

/// The text the parser is given: `text` with every substitution of [`substitutions`] applied. Same length, same
/// line breaks, same bytes outside the substituted ranges; borrowed when nothing is substituted.
pub fn recover(text: &str) -> Cow<'_, str> {
    let subs = substitutions(text);
    if subs.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for s in &subs {
        match s.rule {
            Rule::KeywordAsName | Rule::TargetWordInBrackets => bytes[s.range.start] = b'_',
            _ => bytes[s.range.clone()].fill(b' '),
        }
    }
    // Every substituted range holds ASCII only (keywords and punctuation the scan matched byte for byte), and ASCII
    // replaces it, so the bytes stay UTF-8.
    Cow::Owned(String::from_utf8(bytes).expect("ASCII replaced by ASCII keeps the text UTF-8"))
}

/// The substitutions `recover` applies, sorted by offset.
pub fn substitutions(text: &str) -> Vec<Substitution> {
    if !may_need_recovery(text) {
        return Vec::new();
    }
    let lexed = Lexer::lex(text.as_bytes());
    let mut out = Vec::new();
    let toks = &lexed.tokens;
    for i in 0..toks.len() {
        keyword_as_name(text, toks, i, &mut out);
        target_word_in_brackets(text, toks, i, &mut out);
        conditional_assignment(text, toks, i, &mut out);
        ref_partial_struct(text, toks, i, &mut out);
    }
    for e in &lexed.escapes {
        match e.kind {
            EscapeKind::QuotesAfterHole => {
                out.push(Substitution { range: e.at..e.at + 2, rule: Rule::QuotesAfterHole })
            }
            EscapeKind::BracesBeforeHole => {
                out.push(Substitution { range: e.at..e.at + 2, rule: Rule::BracesBeforeHole })
            }
        }
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out.dedup();
    out
}

/// A cheap test first: most files hold none of the words or characters any rule starts from.
fn may_need_recovery(text: &str) -> bool {
    use std::sync::OnceLock;
    static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let patterns = ["async", "partial", "?.", "?[", "\"\"", "{{{", "[type", "[property", "[field"];
        let more = ["[method", "[param", "[typevar"];
        aho_corasick::AhoCorasick::new(patterns.iter().chain(more.iter())).expect("fixed patterns build")
    });
    words.is_match(text)
}

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.range.clone()]
}

fn is_punct(text: &str, t: Option<&Tok>, p: u8) -> bool {
    t.is_some_and(|t| t.kind == Kind::Punct && text.as_bytes()[t.range.start] == p)
}

/// Whether `b` follows `a` with nothing in between: two one-character tokens that form one operator (`==`, `?.`).
fn touching(a: Option<&Tok>, b: Option<&Tok>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.range.end == b.range.start)
}

/// See [`Rule::KeywordAsName`]. The word is a name when the next token is one no keyword use can be followed by:
/// `async` the modifier is followed by a type, a name, `(` or `delegate`; `partial` the modifier by a type or a
/// declaration keyword. After `.` every word is a member name.
fn keyword_as_name(text: &str, toks: &[Tok], i: usize, out: &mut Vec<Substitution>) {
    let t = &toks[i];
    if t.kind != Kind::Ident {
        return;
    }
    let w = word(text, t);
    if !matches!(w, "async" | "partial") {
        return;
    }
    let next = toks.get(i + 1);
    let after = toks.get(i + 2);
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    // After `..` (a range, or a spread `[.. x]`) the word starts an operand instead.
    let member = is_punct(text, prev, b'.')
        && !(i >= 2 && is_punct(text, toks.get(i - 2), b'.') && touching(toks.get(i - 2), prev));
    let byte = |t: Option<&Tok>| t.filter(|t| t.kind == Kind::Punct).map(|t| text.as_bytes()[t.range.start]);
    let name = match byte(next) {
        // Operators, brackets and closers: a modifier is followed by none of them (a lambda's attributes come
        // before its `async`). What they follow is a variable, a member or a type named `async`: a name.
        Some(b')' | b']' | b'}' | b';' | b',' | b':' | b'?' | b'=' | b'<' | b'>' | b'[') => true,
        Some(b'|' | b'&' | b'/' | b'%' | b'+' | b'-' | b'*' | b'^') => true,
        // `.x` is a member access, `..` a range.
        Some(b'.') => after.is_some_and(|a| a.kind == Kind::Ident) || is_punct(text, after, b'.'),
        Some(b'!') => is_punct(text, after, b'=') && touching(next, after),
        _ => false,
    };
    if name || member {
        out.push(Substitution { range: t.range.clone(), rule: Rule::KeywordAsName });
    }
}

/// See [`Rule::TargetWordInBrackets`]. Followed by anything but `:` (`]`, `,`, `.Name` ...) the word cannot be an
/// attribute target, so whether the brackets hold an attribute or an expression, the word is a name.
fn target_word_in_brackets(text: &str, toks: &[Tok], i: usize, out: &mut Vec<Substitution>) {
    let t = &toks[i];
    if t.kind != Kind::Ident || !matches!(word(text, t), "type" | "property" | "field" | "method" | "param" | "typevar")
    {
        return;
    }
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(i + 1);
    // `d[type]` is an index, which the grammar reads: only brackets that open an expression or an attribute.
    let indexes = i >= 2 && touching(toks.get(i - 2), prev) && {
        let before = &toks[i - 2];
        before.kind == Kind::Ident || matches!(text.as_bytes()[before.range.start], b')' | b']' | b'>' | b'?' | b'!')
    };
    if is_punct(text, prev, b'[') && !indexes && next.is_some() && !is_punct(text, next, b':') {
        out.push(Substitution { range: t.range.clone(), rule: Rule::TargetWordInBrackets });
    }
}

/// See [`Rule::ConditionalAssignment`]. The grammar takes a conditional access followed by more members as an
/// assignment's target (`a?.B.C = v` is a member access `.C` of `a?.B`), and fails only when the target ends with
/// the conditional part itself (`a?.B = v`, `a?[i] = v`). Blanking that last `?` gives the tree it gives the first
/// form: an assignment to `a.B`, whose receiver `a` is evaluated as always and whose value `v` only when `a` is not
/// null. Nothing between the `?` and the operator can be a call (a name, or an index whose arguments are evaluated
/// or skipped as a whole), so no rewrite can await a value that is null only because of the `?`.
fn conditional_assignment(text: &str, toks: &[Tok], i: usize, out: &mut Vec<Substitution>) {
    let at = |k: usize| toks.get(k);
    let punct = |k: usize, p: u8| is_punct(text, at(k), p);
    if !punct(i, b'?') || i == 0 || !touching(at(i - 1), at(i)) || !touching(at(i), at(i + 1)) {
        return;
    }
    let receiver = &toks[i - 1];
    let receiver_ends = receiver.kind == Kind::Ident
        || (receiver.kind == Kind::Punct && matches!(text.as_bytes()[receiver.range.start], b')' | b']' | b'!'));
    if !receiver_ends {
        return;
    }
    let after = if punct(i + 1, b'.') && at(i + 2).is_some_and(|t| t.kind == Kind::Ident) {
        i + 3
    } else if punct(i + 1, b'[') {
        match closing_bracket(text, toks, i + 1) {
            Some(end) => end + 1,
            None => return,
        }
    } else {
        return;
    };
    if is_assignment_operator(text, toks, after) {
        out.push(Substitution { range: toks[i].range.clone(), rule: Rule::ConditionalAssignment });
    }
}

/// The `]` that closes the `[` at token `open`, counting every kind of bracket.
fn closing_bracket(text: &str, toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate().skip(open) {
        if t.kind != Kind::Punct {
            continue;
        }
        match text.as_bytes()[t.range.start] {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k);
                }
            }
            // A statement ends before the bracket closes: not an index.
            b';' => return None,
            _ => {}
        }
    }
    None
}

/// `=` (not `==` or `=>`), or a compound assignment (`+=`, `??=`, `>>>=` ...), starting at token `k`. Comparisons
/// (`<=`, `>=`, `!=`) are not among them.
fn is_assignment_operator(text: &str, toks: &[Tok], k: usize) -> bool {
    let mut ops = Vec::new();
    let mut j = k;
    while let Some(t) = toks.get(j).filter(|t| t.kind == Kind::Punct) {
        if j > k && !touching(toks.get(j - 1), Some(t)) {
            break;
        }
        ops.push(text.as_bytes()[t.range.start]);
        if ops.len() == 5 {
            break;
        }
        j += 1;
    }
    let Some(eq) = ops.iter().position(|&c| c == b'=') else { return false };
    if matches!(ops.get(eq + 1), Some(b'=' | b'>')) {
        return false;
    }
    matches!(
        &ops[..eq],
        [] | [b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^']
            | [b'?', b'?']
            | [b'<', b'<']
            | [b'>', b'>']
            | [b'>', b'>', b'>']
    )
}

/// See [`Rule::RefPartialStruct`]. Only the order changes meaning for the grammar; the compiler takes both.
/// `partial` is blanked rather than `ref`: the facts read a type's modifiers nowhere, but a ref struct is one the
/// planner may come to care about, and `partial` only says that the type has other parts.
fn ref_partial_struct(text: &str, toks: &[Tok], i: usize, out: &mut Vec<Substitution>) {
    let is = |k: usize, w: &str| toks.get(k).is_some_and(|t| t.kind == Kind::Ident && word(text, t) == w);
    if is(i, "ref") && is(i + 1, "partial") && is(i + 2, "struct") {
        out.push(Substitution { range: toks[i + 1].range.clone(), rule: Rule::RefPartialStruct });
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A name or keyword, with its `@` if verbatim.
    Ident,
    /// One character of punctuation; operators of several characters are several tokens, next to each other.
    Punct,
    /// A number, a character literal, or the text of a string outside its holes.
    Literal,
}

#[derive(Clone, Debug)]
struct Tok {
    kind: Kind,
    range: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EscapeKind {
    QuotesAfterHole,
    BracesBeforeHole,
}

#[derive(Clone, Copy, Debug)]
struct Escape {
    at: usize,
    kind: EscapeKind,
}

/// How a string's text is written: which escapes it has and how its holes open.
#[derive(Clone, Copy, Debug)]
struct StringForm {
    verbatim: bool,
    /// Number of `"` that open and close a raw string; 0 for the others.
    raw_quotes: usize,
    /// Number of `$`; 0 when the string has no holes.
    dollars: usize,
}

/// Interpolated strings nest (a hole may hold another interpolated string); deeper than this, the rest of the text
/// is left as it is, so hostile input cannot exhaust the stack.
const MAX_NESTING: usize = 32;

/// A C# tokenizer just precise enough for the rules: it skips comments, knows where strings and their holes begin
/// and end (regular, verbatim, raw, interpolated), and splits code into names, punctuation and literals.
/// Preprocessor lines are expected to be blanked already; a stray `#` is punctuation.
struct Lexer<'a> {
    b: &'a [u8],
    i: usize,
    tokens: Vec<Tok>,
    escapes: Vec<Escape>,
    nesting: usize,
}

impl<'a> Lexer<'a> {
    fn lex(b: &'a [u8]) -> Lexer<'a> {
        let mut lexer = Lexer { b, i: 0, tokens: Vec::new(), escapes: Vec::new(), nesting: 0 };
        lexer.code(None);
        lexer
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn push(&mut self, kind: Kind, range: Range<usize>) {
        self.tokens.push(Tok { kind, range });
    }

    /// Code up to the end of the text, or, in a hole of a string of form `hole`, up to the `}` that closes it (left
    /// for the caller). A `:` at the hole's own level starts its format, skipped up to that `}`.
    fn code(&mut self, hole: Option<StringForm>) {
        let mut depth = 0usize;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let start = self.i;
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C => self.i += 1,
                b'/' if self.at(start + 1) == b'/' => {
                    self.i = memchr::memchr(b'\n', &self.b[start..]).map_or(self.b.len(), |n| start + n);
                }
                b'/' if self.at(start + 1) == b'*' => {
                    self.i =
                        memchr::memmem::find(&self.b[start + 2..], b"*/").map_or(self.b.len(), |n| start + 2 + n + 2);
                }
                b'"' | b'$' | b'@' if self.string_start().is_some() => {
                    let (form, content) = self.string_start().expect("checked by the guard");
                    self.i = content;
                    self.string(start, form);
                }
                b'\'' => self.char_literal(),
                b'0'..=b'9' => self.number(),
                b'.' if self.at(start + 1).is_ascii_digit() => self.number(),
                b'@' if is_name_start(self.at(start + 1)) => {
                    self.i += 1;
                    self.name(start);
                }
                _ if is_name_start(c) => self.name(start),
                b'}' if hole.is_some() && depth == 0 => return,
                b':' if hole.is_some() && depth == 0 && self.at(start + 1) != b':' && self.prev_byte() != b':' => {
                    self.format_clause(hole.expect("checked by the guard"));
                }
                _ => {
                    match c {
                        b'(' | b'[' | b'{' => depth += 1,
                        b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    // One byte of any other character: multi-byte characters are split, which no rule looks at.
                    self.i += 1;
                    self.push(Kind::Punct, start..self.i);
                }
            }
        }
    }

    fn prev_byte(&self) -> u8 {
        self.i.checked_sub(1).map_or(0, |p| self.b[p])
    }

    fn name(&mut self, start: usize) {
        while self.i < self.b.len() && is_name_char(self.b[self.i]) {
            self.i += 1;
        }
        self.push(Kind::Ident, start..self.i);
    }

    /// Digits, letters (suffixes, hex, exponents), `_`, and a `.` followed by a digit; `1..2` is a range.
    fn number(&mut self) {
        let start = self.i;
        self.i += 1;
        loop {
            let c = self.at(self.i);
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.i += 1;
            } else if c == b'.' && self.at(self.i + 1).is_ascii_digit() {
                self.i += 2;
            } else if matches!(c, b'+' | b'-') && matches!(self.prev_byte(), b'e' | b'E') && !self.hex(start) {
                self.i += 1;
            } else {
                break;
            }
        }
        self.push(Kind::Literal, start..self.i);
    }

    fn hex(&self, start: usize) -> bool {
        matches!(&self.b[start..(start + 2).min(self.b.len())], b"0x" | b"0X")
    }

    fn char_literal(&mut self) {
        let start = self.i;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'\'' => {
                    self.i += 1;
                    break;
                }
                b'\n' => break,
                _ => self.i += 1,
            }
        }
        self.i = self.i.min(self.b.len());
        self.push(Kind::Literal, start..self.i);
    }

    /// At `$`, `@` or `"`: the form of the string that starts here and where its content starts, if one does.
    fn string_start(&self) -> Option<(StringForm, usize)> {
        let mut j = self.i;
        let mut dollars = 0;
        let mut verbatim = false;
        if self.at(j) == b'@' {
            verbatim = true;
            j += 1;
        }
        while self.at(j) == b'$' {
            dollars += 1;
            j += 1;
        }
        if !verbatim && dollars > 0 && self.at(j) == b'@' {
            verbatim = true;
            j += 1;
        }
        if self.at(j) != b'"' {
            return None;
        }
        let quotes = self.b[j..].iter().take_while(|&&c| c == b'"').count();
        if !verbatim && quotes >= 3 {
            return Some((StringForm { verbatim, raw_quotes: quotes, dollars }, j + quotes));
        }
        Some((StringForm { verbatim, raw_quotes: 0, dollars }, j + 1))
    }

    /// The string's content from `self.i` to its closing quote; its text goes into literal tokens, its holes into
    /// the tokens of their code.
    fn string(&mut self, start: usize, form: StringForm) {
        let mut piece = start;
        let mut after_hole = false;
        // Where the last `{{` escape started, while nothing else followed it.
        let mut braces: Option<usize> = None;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if form.raw_quotes > 0 {
                if c == b'"' {
                    let run = self.b[self.i..].iter().take_while(|&&c| c == b'"').count();
                    self.i += run;
                    if run >= form.raw_quotes {
                        break;
                    }
                    continue;
                }
                if c == b'{' && form.dollars > 0 {
                    let run = self.b[self.i..].iter().take_while(|&&c| c == b'{').count();
                    if run >= form.dollars {
                        // The last `dollars` braces open the hole; any before them are text.
                        self.i += run - 1;
                        piece = self.hole(piece, form);
                        after_hole = true;
                        continue;
                    }
                    self.i += run;
                    continue;
                }
                self.i += 1;
                after_hole = false;
                continue;
            }
            match c {
                b'"' if form.verbatim && self.at(self.i + 1) == b'"' => {
                    let closes = self.at(self.i + 2) == b'"' && self.at(self.i + 3) != b'"';
                    if after_hole && closes && form.dollars > 0 {
                        self.escapes.push(Escape { at: self.i, kind: EscapeKind::QuotesAfterHole });
                    }
                    self.i += 2;
                }
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\\' if !form.verbatim => self.i += 2,
                b'\n' if !form.verbatim => break,
                b'{' if form.dollars > 0 && self.at(self.i + 1) == b'{' => {
                    self.i += 2;
                    braces = Some(self.i - 2);
                    continue;
                }
                b'{' if form.dollars > 0 => {
                    let open = self.i;
                    piece = self.hole(piece, form);
                    // Only a hole that holds a string trips the grammar up.
                    if braces.take().is_some_and(|at| at + 2 == open) && self.b[open..self.i].contains(&b'"') {
                        self.escapes.push(Escape { at: open - 2, kind: EscapeKind::BracesBeforeHole });
                    }
                    after_hole = true;
                    continue;
                }
                b'}' if form.dollars > 0 && self.at(self.i + 1) == b'}' => self.i += 2,
                _ => self.i += 1,
            }
            after_hole = false;
            braces = None;
        }
        self.i = self.i.min(self.b.len());
        self.push(Kind::Literal, piece..self.i);
    }

    /// At the `{` that opens a hole: the text before it as a literal, the hole's code, and the closing braces.
    /// Returns where the string's next piece of text starts.
    fn hole(&mut self, piece: usize, form: StringForm) -> usize {
        self.push(Kind::Literal, piece..self.i);
        let open = self.i;
        self.i += 1;
        self.push(Kind::Punct, open..self.i);
        if self.nesting >= MAX_NESTING {
            self.i = self.b.len();
            return self.i;
        }
        self.nesting += 1;
        self.code(Some(form));
        self.nesting -= 1;
        if self.i < self.b.len() {
            // The `}` the code stopped at; a raw string's hole closes with as many braces as it has `$`.
            let close = self.i;
            self.i += 1;
            self.push(Kind::Punct, close..self.i);
            let extra =
                self.b[self.i..].iter().take(form.dollars.saturating_sub(1)).take_while(|&&c| c == b'}').count();
            self.i += extra;
        }
        self.i
    }

    /// A hole's format (`{x:N2}`): text up to the `}` that closes the hole, which is left for the caller. A regular
    /// string's format cannot hold a line break or a quote, so those end it too (the code is broken then anyway).
    fn format_clause(&mut self, form: StringForm) {
        let start = self.i;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'}' => break,
                b'"' | b'\n' if form.raw_quotes == 0 && !form.verbatim => break,
                _ => self.i += 1,
            }
        }
        self.push(Kind::Literal, start..self.i);
    }
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The substituted text of `src`, checked for the properties every rule must keep, with the rules that fired.
    fn recovered(src: &str) -> (String, Vec<Rule>) {
        let out = recover(src).into_owned();
        assert_eq!(out.len(), src.len(), "same length");
        for (a, b) in src.bytes().zip(out.bytes()) {
            assert_eq!(a == b'\n' || a == b'\r', b == b'\n' || b == b'\r', "same line breaks");
            if a != b {
                assert!(a.is_ascii() && b.is_ascii(), "only ASCII is substituted");
            }
        }
        let mut rules: Vec<Rule> = substitutions(src).into_iter().map(|s| s.rule).collect();
        rules.dedup();
        (out, rules)
    }

    fn errors(text: &str) -> usize {
        crate::syntax::error_count(&crate::syntax::parse(text))
    }

    /// `body` inside a method: it fails to parse as written, and parses without error once substituted into
    /// `expected`, by `rule`.
    #[track_caller]
    fn fixes(body: &str, expected: &str, rule: Rule) {
        let wrap = |b: &str| format!("class C\n{{\n    async Task M()\n    {{\n        {b}\n    }}\n}}\n");
        let (src, want) = (wrap(body), wrap(expected));
        assert!(errors(&src) > 0, "the grammar reads this already:\n{src}");
        let (out, rules) = recovered(&src);
        assert_eq!(out, want);
        assert!(rules.contains(&rule), "{rules:?}");
        assert_eq!(errors(&out), 0, "still broken:\n{out}");
        assert_eq!(crate::syntax::error_count(&parse(&src)), 0);
    }

    #[track_caller]
    fn unchanged(src: &str) {
        assert_eq!(recover(src), src, "{:?}", substitutions(src));
    }

    #[test]
    fn async_as_a_name() {
        fixes("if (async) { }", "if (_sync) { }", Rule::KeywordAsName);
        fixes("await base.X(async);", "await base.X(_sync);", Rule::KeywordAsName);
        fixes("var r = async ? 1 : 2;", "var r = _sync ? 1 : 2;", Rule::KeywordAsName);
        fixes("IsAsync = async;", "IsAsync = _sync;", Rule::KeywordAsName);
        fixes("F(async: true);", "F(_sync: true);", Rule::KeywordAsName);
        fixes("var a = !async;", "var a = !_sync;", Rule::KeywordAsName);
        fixes("var a = async && b;", "var a = _sync && b;", Rule::KeywordAsName);
        fixes("var x = new { async };", "var x = new { _sync };", Rule::KeywordAsName);
        fixes("var x = async.ToString();", "var x = _sync.ToString();", Rule::KeywordAsName);
        fixes("G(() => F(async, ss => ss.Set<E>()));", "G(() => F(_sync, ss => ss.Set<E>()));", Rule::KeywordAsName);
        fixes("F(async, async a => a);", "F(_sync, async a => a);", Rule::KeywordAsName);
        fixes(
            "var s = $\"{(async ? 1 : 2)}\" + async;",
            "var s = $\"{(_sync ? 1 : 2)}\" + _sync;",
            Rule::KeywordAsName,
        );
    }

    #[test]
    fn await_and_partial_as_names() {
        fixes(
            "Task async = null; var a = await async;",
            "Task _sync = null; var a = await _sync;",
            Rule::KeywordAsName,
        );
        fixes("partial.Span[0] = 3;", "_artial.Span[0] = 3;", Rule::KeywordAsName);
        fixes(
            "partial[0] = 3; var x = async[1] < async;",
            "_artial[0] = 3; var x = _sync[1] < _sync;",
            Rule::KeywordAsName,
        );
        // See the rule: `await` stays a parse error.
        unchanged("class C { object M() => x switch { IAwait await => await.Operation }; }");
    }

    #[test]
    fn keywords_that_are_keywords_stay() {
        unchanged("class C { async Task M() { await F(); var f = async () => await G(); var g = async x => x; } }");
        unchanged("class C { async void M() { await (x); await -x; await !x; await [x]; await new T(); } }");
        unchanged("class C { async void M() { var a = [.. await (b ? c : d)]; } }");
        unchanged("partial class C { partial void M(); public partial int P { get; } async static Task N() { } }");
        unchanged("class C { Func<Task> f = async delegate { await T(); }; }");
        // In strings and comments, words are text.
        unchanged("class C { string s = \"if (async)\"; /* F(async) */ // x?.P = 1\n string t = @\"await;\"; }");
        unchanged("class C { string s = $\"{x} async) {{async}}\"; string r = \"\"\"\n async)\n \"\"\"; }");
        // A verbatim name is never a keyword.
        unchanged("class C { void M(bool @async) { if (@async) { } } }");
        // Longer names that start with a keyword.
        unchanged("class C { void M(bool asyncMode) { if (asyncMode) { } } }");
    }

    #[test]
    fn target_words_in_brackets() {
        fixes(
            "subtitleFormatTypes[extension] = [type];",
            "subtitleFormatTypes[extension] = [_ype];",
            Rule::TargetWordInBrackets,
        );
        fixes("F([property]);", "F([_roperty]);", Rule::TargetWordInBrackets);
        fixes("F([property, x]);", "F([_roperty, x]);", Rule::TargetWordInBrackets);
        fixes("F(seed, [property.Name]);", "F(seed, [_roperty.Name]);", Rule::TargetWordInBrackets);
        fixes("var a = new D { [type] = 0 };", "var a = new D { [_ype] = 0 };", Rule::TargetWordInBrackets);
        fixes(
            "F([field]); F([method]); F([param]); F([typevar]);",
            "F([_ield]); F([_ethod]); F([_aram]); F([_ypevar]);",
            Rule::TargetWordInBrackets,
        );
        unchanged("[property: Obsolete] [type: X] class C { [return: NotNull] int M() => d[type] + e?[field]; }");
    }

    #[test]
    fn null_conditional_assignments() {
        fixes("h?.Value = t.Result;", "h .Value = t.Result;", Rule::ConditionalAssignment);
        fixes("a?.B += x; a?.E -= H;", "a .B += x; a .E -= H;", Rule::ConditionalAssignment);
        fixes("arguments?[i] = visited;", "arguments [i] = visited;", Rule::ConditionalAssignment);
        fixes("keys?[^1] = ++i;", "keys [^1] = ++i;", Rule::ConditionalAssignment);
        fixes(
            "FindForm()?.Deactivate += (_, _) => Hide();",
            "FindForm() .Deactivate += (_, _) => Hide();",
            Rule::ConditionalAssignment,
        );
        fixes("a?.B?.C ??= v;", "a?.B .C ??= v;", Rule::ConditionalAssignment);
        fixes("a.B?.C <<= 2;", "a.B .C <<= 2;", Rule::ConditionalAssignment);
    }

    #[test]
    fn conditional_access_that_is_no_assignment_stays() {
        unchanged(
            "class C { void M() { var x = a?.B; if (a?.B == c) { } F(a?.B => 1); var y = a?.B >= 2 || a?[0] != 1; } }",
        );
        unchanged("class C { void M() { int?[] a = null; var b = c ? [1] : d; var e = c ?.5 : 1; T?[] f = g; } }");
        // The grammar reads these: a conditional access with more members after it.
        unchanged("class C { void M() { a?.B().C = v; a?.B.C = v; a?[0].C += v; a?.B!.C ??= v; } }");
    }

    #[test]
    fn ref_partial_struct() {
        let src = "public readonly ref partial struct R\n{\n}\n";
        assert!(errors(src) > 0);
        let (out, rules) = recovered(src);
        assert_eq!(out, "public readonly ref         struct R\n{\n}\n");
        assert_eq!(rules, [Rule::RefPartialStruct]);
        assert_eq!(errors(&out), 0);
        unchanged("public partial struct S { } public ref struct T { } partial ref struct U { }");
    }

    #[test]
    fn interpolated_strings() {
        fixes(
            "var s = $@\" --sort=\"\"{order}{key}\"\"\";",
            "var s = $@\" --sort=\"\"{order}{key}  \";",
            Rule::QuotesAfterHole,
        );
        fixes("var s = @$\" \"\"{s}\"\"\";", "var s = @$\" \"\"{s}  \";", Rule::QuotesAfterHole);
        fixes(
            "var s = $\"{{{string.Join(\",\", e)}}}\";",
            "var s = $\"  {string.Join(\",\", e)}}}\";",
            Rule::BracesBeforeHole,
        );
        fixes("var s = $\"a{{{\"b\"}\";", "var s = $\"a  {\"b\"}\";", Rule::BracesBeforeHole);
        unchanged("class C { string a = @\"a\"\"b\"; string b = $@\"a\"\"{x}\"; string c = $\"{{ {x} }}\"; string d = $\"{{{{x}}}}\"; }");
        // The grammar reads these: the hole holds no string, the `""` is not the string's end.
        unchanged("class C { string a = $\"{{{x}:true}}\"; string b = $\"a{{{F(x, 'c')}\"; string c = $@\"{x}\"\"a\"\"{y}\"; }");
    }

    #[test]
    fn holes_hold_code() {
        // Formats, nested strings, raw strings with several `$`, and braces in the hole's code.
        let src = "class C { string a = $\"{x:N2} {y,5:x} {global::A.B} {F(\"}\")} {new[] { 1 }[0]}\"; string b = $$\"\"\"{ {{async}} }\"\"\"; }";
        assert_eq!(recover(src), src.replace("{{async}}", "{{_sync}}"));
        let nested = "class C { string s = $\"{$\"{async}\"}\"; }";
        assert_eq!(recover(nested), nested.replace("async}", "_sync}"));
    }

    #[test]
    fn untouched_text_is_borrowed() {
        assert!(matches!(recover("class C { void M() { F(x); } }"), Cow::Borrowed(_)));
        assert!(matches!(recover("class C { async Task M() { await F(); } }"), Cow::Borrowed(_)));
    }

    /// Any sequence of the pieces the lexer and the rules look at: no panic, and the substituted text keeps the
    /// length, the line breaks and every non-ASCII byte of the input.
    #[test]
    fn any_text_keeps_its_shape() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "async", "partial", "ref", "struct", "type", "property", "x", "é", "?", ".", "[", "]", "(", ")", "{", "}",
            "=", "+", "!", ":", ";", ",", "\"", "'", "\\", "$", "@", "/*", "*/", "//", "\n", "\r\n", " ", "1",
        ];
        let pieces = proptest::collection::vec(proptest::sample::select(PIECES), 0..80);
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(2000));
        runner
            .run(&pieces, |pieces| {
                let src = pieces.concat();
                let out = recover(&src);
                prop_assert_eq!(out.len(), src.len());
                for (a, b) in src.bytes().zip(out.bytes()) {
                    prop_assert!(a == b || (a.is_ascii() && b.is_ascii() && a != b'\n' && a != b'\r'));
                }
                let subs = substitutions(&src);
                prop_assert!(subs.windows(2).all(|w| w[0].range.end <= w[1].range.start));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn broken_and_hostile_text_keeps_its_length() {
        let deep = "$\"{".repeat(10_000);
        for src in [
            "\"unterminated",
            "$\"{",
            "@\"",
            "'",
            "/* open",
            "async",
            "x?",
            "a?[",
            "$$\"\"\"{{",
            "é async) ü?.x = 1",
            deep.as_str(),
        ] {
            let out = recover(src);
            assert_eq!(out.len(), src.len(), "{src}");
        }
    }
}
