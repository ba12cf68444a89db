//! Byte-level prefilters: the reason a run parses little.
//!
//! Two questions are answered from the raw bytes, without a parser:
//! - [`Triggers`]: can this file hold a site of an enabled transform? (the transforms' trigger patterns)
//! - [`AskFinder`]: can this file answer a question the index was asked? (it may declare a method or a
//!   type of that name, list it as a base, call it, or use it as a delegate)
//!
//! Both over-approximate: a file they pass over can never change a run's result. Names in the index are
//! slices of the file's text (with inactive `#if` branches blanked, which only turns bytes into spaces),
//! so a file that holds a fact about `Name` holds the word `Name`; the context checks below look only at the
//! code tokens right around it and answer "maybe" whenever a comment or a preprocessor line sits in between.

use std::cell::OnceCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::index::Ask;
use crate::syntax::is_ident_byte;

/// The trigger patterns of the enabled transforms, as one automaton.
///
/// A trigger is a regular expression over the file's bytes (Unicode off: `\b` and `\s` are ASCII); a plain
/// word such as `Result` is a pattern too and matches wherever those bytes occur, inside longer words included.
pub struct Triggers {
    regex: Option<Regex>,
}

impl Triggers {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Triggers, String> {
        let alternatives: Vec<String> = patterns.into_iter().map(|p| format!("(?:{p})")).collect();
        if alternatives.is_empty() {
            return Ok(Triggers { regex: None });
        }
        let regex = RegexBuilder::new(&alternatives.join("|"))
            .unicode(false)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .map_err(|e| format!("invalid trigger pattern: {e}"))?;
        Ok(Triggers { regex: Some(regex) })
    }

    /// Whether some enabled transform may find a site in `text`.
    pub fn matches(&self, text: &[u8]) -> bool {
        self.regex.as_ref().is_some_and(|r| r.is_match(text))
    }
}

/// Finds the files that may answer any of a set of index questions.
pub struct AskFinder {
    /// Names that are identifiers: whole-word hits never overlap, so a leftmost-longest DFA finds them all.
    matcher: Option<AhoCorasick>,
    /// Other names (`(A a, B b)`, a tuple type asked as a type name): all overlapping hits.
    odd: Option<AhoCorasick>,
    /// For each pattern of `matcher`: the name and the kinds of question asked about it.
    names: Vec<(String, Vec<Ask>)>,
    /// Every question by its key (`Ask::key`), for files whose answers are known.
    keys: HashMap<u64, (Ask, usize)>,
}

impl AskFinder {
    pub fn new<'a>(asks: impl IntoIterator<Item = &'a (Ask, String)>) -> AskFinder {
        let mut by_name: HashMap<&str, Vec<Ask>> = HashMap::new();
        for (ask, name) in asks {
            if !name.is_empty() {
                by_name.entry(name.as_str()).or_default().push(*ask);
            }
        }
        let mut names: Vec<(&str, Vec<Ask>)> = by_name.into_iter().collect();
        names.sort();
        let build = |kind: MatchKind, odd: bool| -> Option<AhoCorasick> {
            let patterns: Vec<&str> = names
                .iter()
                .map(|(n, _)| *n)
                .map(|n| if n.bytes().all(is_ident_byte) != odd { n } else { "" })
                .collect();
            // Empty patterns keep the indexes aligned with `names`; they never match as whole words.
            if patterns.iter().all(|p| p.is_empty()) {
                return None;
            }
            let patterns: Vec<&str> = patterns.into_iter().map(|p| if p.is_empty() { "\0\0" } else { p }).collect();
            Some(
                // A DFA over the thousands of names a round asks about was the largest allocation of a run (26 MB
                // on a 22 MB solution) and took a serial pass to build; the contiguous NFA is a fraction of both,
                // and a whole run (build and scans) took no more instructions with it (callgrind, StackExchange.Redis).
                AhoCorasick::builder()
                    .match_kind(kind)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(patterns)
                    .expect("names form a valid automaton"),
            )
        };
        let matcher = build(MatchKind::LeftmostLongest, false);
        let odd = build(MatchKind::Standard, true);
        let mut keys = HashMap::new();
        for (i, (name, kinds)) in names.iter().enumerate() {
            for ask in kinds {
                keys.insert(ask.key(name), (*ask, i));
            }
        }
        AskFinder { matcher, odd, names: names.into_iter().map(|(n, k)| (n.to_string(), k)).collect(), keys }
    }

    /// The first question answered by a file whose answers are known (`index::answer_keys`): exact, but for
    /// key collisions.
    pub fn answered_by(&self, answer_keys: &[u64]) -> Option<(Ask, &str)> {
        answer_keys.iter().find_map(|k| self.keys.get(k)).map(|(ask, i)| (*ask, self.names[*i].0.as_str()))
    }

    /// Whether `text` (without its BOM) may hold a fact that answers one of the questions.
    pub fn may_answer(&self, text: &[u8]) -> bool {
        self.first_answer(text).is_some()
    }

    /// The first question `text` may answer: a whole-word occurrence of its name, in a context that may make it
    /// a fact of the kind asked.
    pub fn first_answer(&self, text: &[u8]) -> Option<(Ask, &str)> {
        let src = Src::new(text);
        let answer = |m: aho_corasick::Match| {
            let before = m.start().checked_sub(1).map(|j| text[j]);
            let after = text.get(m.end()).copied();
            if before.is_some_and(is_ident_byte) || after.is_some_and(is_ident_byte) || src.in_line_comment(m.start()) {
                return None;
            }
            let (name, kinds) = &self.names[m.pattern().as_usize()];
            let ask = kinds.iter().find(|ask| src.may_answer_at(m.start(), m.end(), **ask))?;
            Some((*ask, name.as_str()))
        };
        if let Some(hit) = self.matcher.as_ref().and_then(|m| m.find_iter(text).find_map(answer)) {
            return Some(hit);
        }
        self.odd.as_ref().and_then(|m| m.find_overlapping_iter(text).find_map(answer))
    }
}

/// The nearest code byte on one side of a word, as far as bytes tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Near {
    /// This byte, at this offset.
    Byte(u8, usize),
    /// The start or end of the file.
    Edge,
    /// A comment, string or preprocessor line may be in between: anything may be there.
    Unsure,
}

/// Keywords that stand before an expression, never right before a declared name or type.
const EXPRESSION_KEYWORDS: &[&[u8]] =
    &[b"return", b"await", b"throw", b"else", b"in", b"is", b"as", b"case", b"when", b"do", b"new", b"select"];

/// More keywords that may stand right before a call's name (query clauses, patterns, `ref` returns).
const CALL_KEYWORDS: &[&[u8]] = &[
    b"yield",
    b"ref",
    b"out",
    b"where",
    b"orderby",
    b"let",
    b"group",
    b"by",
    b"on",
    b"equals",
    b"join",
    b"from",
    b"into",
    b"ascending",
    b"descending",
    b"and",
    b"or",
    b"not",
    b"with",
    b"goto",
    b"checked",
    b"unchecked",
];

/// A file's bytes, with what the checks need to know about them.
struct Src<'a> {
    text: &'a [u8],
    /// Where the first string that may span lines (`@"`, `"""`) starts: before it, every line starts in code
    /// or in a block comment. Found when first needed.
    multiline_strings_from: OnceCell<usize>,
}

impl<'a> Src<'a> {
    fn new(text: &'a [u8]) -> Src<'a> {
        Src { text, multiline_strings_from: OnceCell::new() }
    }

    fn multiline_strings_from(&self) -> usize {
        *self.multiline_strings_from.get_or_init(|| {
            let verbatim = memchr::memmem::find(self.text, b"@\"").unwrap_or(self.text.len());
            let raw = memchr::memmem::find(self.text, b"\"\"\"").unwrap_or(self.text.len());
            verbatim.min(raw)
        })
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1)
    }

    /// Whether the word at `at` is surely inside a `//` comment: its line holds `//` before it, nothing before
    /// that could open a string, a character or a block comment, and nothing after it could close a string or
    /// a block comment that the line started in.
    fn in_line_comment(&self, at: usize) -> bool {
        let line = &self.text[self.line_start(at)..at];
        let Some(slashes) = line.windows(2).position(|w| w == b"//") else { return false };
        let (before, after) = (&line[..slashes], &line[slashes..]);
        !before.iter().any(|&c| matches!(c, b'"' | b'\'' | b'*' | b'/'))
            && !after.contains(&b'"')
            && !after.windows(2).any(|w| w == b"*/")
    }

    /// The first code byte at or after `i`, which follows a code token: skips whitespace and comments exactly
    /// (lexing forward from code is exact); a preprocessor line makes it unsure (an inactive branch may follow).
    fn next_code(&self, mut i: usize) -> Near {
        let text = self.text;
        loop {
            while i < text.len() && text[i].is_ascii_whitespace() {
                i += 1;
            }
            match (text.get(i), text.get(i + 1)) {
                (None, _) => return Near::Edge,
                (Some(b'#'), _) => return Near::Unsure,
                (Some(b'/'), Some(b'/')) => match text[i..].iter().position(|&c| c == b'\n') {
                    Some(nl) => i += nl,
                    None => return Near::Edge,
                },
                (Some(b'/'), Some(b'*')) => match find_at(text, i + 2, b"*/") {
                    Some(end) => i = end + 2,
                    None => return Near::Edge,
                },
                (Some(&b), _) => return Near::Byte(b, i),
            }
        }
    }

    /// The last code byte before `end`, skipping whitespace and the `//` comments of earlier lines. Lexing
    /// backwards cannot be exact, so it is unsure when that byte may sit in a comment, a string or a
    /// preprocessor line.
    fn prev_code(&self, end: usize) -> Near {
        let text = self.text;
        let mut i = end;
        loop {
            let mut crossed_line = false;
            while i > 0 && text[i - 1].is_ascii_whitespace() {
                crossed_line |= text[i - 1] == b'\n';
                i -= 1;
            }
            if i == 0 {
                return Near::Edge;
            }
            let b = text[i - 1];
            // The end of a block comment, or of a string that may span lines.
            if (b == b'/' && i >= 2 && text[i - 2] == b'*') || (crossed_line && b == b'"') {
                return Near::Unsure;
            }
            if !crossed_line {
                // On the word's own line: had it been in a comment, so would the word.
                return Near::Byte(b, i - 1);
            }
            // An earlier line: its last byte is code, or in a `//` comment (a block comment or a string
            // ending there would end with `/` or `"`).
            let line_start = self.line_start(i);
            let line = &text[line_start..i];
            if line.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'#') {
                return Near::Unsure;
            }
            if !line.windows(2).any(|w| w == b"//") {
                return Near::Byte(b, i - 1);
            }
            if line_start > self.multiline_strings_from() {
                return Near::Unsure;
            }
            match comment_start(line) {
                Some(Some(c)) => i = line_start + c,
                Some(None) => return Near::Byte(b, i - 1),
                None => return Near::Unsure,
            }
        }
    }

    /// Whether the word at `start..end` may be a fact of kind `ask` (see `index::facts`).
    fn may_answer_at(&self, start: usize, end: usize, ask: Ask) -> bool {
        let text = self.text;
        match ask {
            // `class|struct|interface|record Name`.
            Ask::Types => match self.prev_code(start) {
                Near::Unsure => true,
                Near::Edge => false,
                Near::Byte(b, at) => is_ident_byte(b) && is_type_keyword(word_ending_at(text, at)),
            },
            // An entry of a base list, followed by the next entry, type arguments, primary constructor
            // arguments, a constraint, the body or the end of a record.
            Ask::DerivedFrom => {
                let followed = match self.next_code(end) {
                    Near::Unsure | Near::Edge => true,
                    Near::Byte(b, at) => {
                        matches!(b, b',' | b'{' | b'<' | b'(' | b';')
                            || (is_ident_byte(b) && word_at(text, at) == b"where")
                    }
                };
                followed && self.in_base_list(start)
            }
            // `Name(` or `Name<T>(`, called on anything; not `[Name(...)]`, an attribute, nor `Type Name(`, a
            // declaration (only keywords stand before a call's name).
            Ask::Calls => {
                self.argument_list_follows(end)
                    && !self.is_attribute_name(start)
                    && match self.prev_code(start) {
                        Near::Byte(b, at) if is_ident_byte(b) => {
                            // `new Name(...)` creates an object: no call of `Name`.
                            let word = word_ending_at(text, at);
                            word != b"new" && (EXPRESSION_KEYWORDS.contains(&word) || CALL_KEYWORDS.contains(&word))
                        }
                        Near::Byte(b'>', at) => !self.closes_type_arguments(at),
                        _ => true,
                    }
            }
            // A method or local function: `Type Name(`, `Type Name<T>(`, `Type IFace.Name(`.
            Ask::Functions => self.argument_list_follows(end) && self.preceded_by_type(start),
            // A method named as a value, ending an argument, an assignment's right side, an initializer or any
            // other place whose context gives it a type: `x += Name;`, `Run(Name)`, `Run(cb: Name)`, `map[Name]`,
            // `Func<T> f = obj.Name;`, `c ? Name : Other`, `h ?? Name`, `(Action)Name`, `{ Name }`,
            // `return Name;`, `=> Name`.
            // Any whole-word occurrence: code that does not parse can hide anything.
            Ask::Mentions => true,
            // `nameof(Name)`, `nameof(x.Name)`: the name ends the argument, as a delegate value does.
            Ask::DelegateUses | Ask::NameofUses => {
                let followed = match self.next_code(end) {
                    Near::Unsure | Near::Edge => true,
                    Near::Byte(b, _) => matches!(b, b')' | b',' | b';' | b']' | b'}' | b':'),
                };
                followed
                    && match self.prev_code(start) {
                        Near::Unsure => true,
                        Near::Edge => false,
                        Near::Byte(b'[', _) => !self.is_attribute_name(start),
                        Near::Byte(b'>', at) => at > 0 && text[at - 1] == b'=',
                        Near::Byte(b, at) => {
                            matches!(b, b'=' | b'(' | b',' | b'.' | b':' | b'?' | b')' | b'{')
                                || (is_ident_byte(b)
                                    && matches!(word_ending_at(text, at), b"ref" | b"out" | b"in" | b"return"))
                        }
                    }
            }
        }
    }

    /// Whether the `>` at `at` surely closes a type's argument list (`Task<List<int>> Name(`): on the same
    /// line, a matching `<` right after an identifier, and only type-like bytes between. Not `=>`.
    /// Whether `(` (a call's arguments, a method's parameters) may come next, maybe after type arguments:
    /// `Name(`, `Name<T, List<(int, string)>>(`. Not `Name<int> x` (a generic type) nor `Name < x` (a comparison).
    fn argument_list_follows(&self, end: usize) -> bool {
        let text = self.text;
        let open = match self.next_code(end) {
            Near::Unsure => return true,
            Near::Edge => return false,
            Near::Byte(b'(', _) => return true,
            Near::Byte(b'<', at) => at,
            Near::Byte(..) => return false,
        };
        let mut depth = 0usize;
        let mut i = open;
        while i < text.len() && i - open < 256 {
            match text[i] {
                b'<' => depth += 1,
                b'>' => {
                    depth -= 1;
                    if depth == 0 {
                        return match self.next_code(i + 1) {
                            Near::Unsure => true,
                            Near::Edge => false,
                            Near::Byte(b, _) => b == b'(',
                        };
                    }
                }
                // Comments, strings and directives can hide anything.
                b'/' | b'"' | b'\'' | b'#' => return true,
                b',' | b'.' | b'?' | b'[' | b']' | b'(' | b')' | b':' | b'*' => {}
                c if c.is_ascii_whitespace() || is_ident_byte(c) => {}
                // An operator, `;`, `{`, `=`: `<` was a comparison, and no type argument list closes here.
                _ => return false,
            }
            i += 1;
        }
        true
    }

    fn closes_type_arguments(&self, at: usize) -> bool {
        let text = self.text;
        if at > 0 && text[at - 1] == b'=' {
            return false;
        }
        let mut depth = 0usize;
        let mut i = at + 1;
        while i > 0 && at + 1 - i < 256 {
            i -= 1;
            match text[i] {
                b'>' => depth += 1,
                b'<' => {
                    depth -= 1;
                    if depth == 0 {
                        let mut j = i;
                        while j > 0 && text[j - 1] == b' ' {
                            j -= 1;
                        }
                        return j > 0 && is_ident_byte(text[j - 1]);
                    }
                }
                b',' | b'.' | b'?' | b'[' | b']' | b'(' | b')' | b' ' | b':' => {}
                c if is_ident_byte(c) => {}
                _ => return false,
            }
        }
        false
    }

    /// Whether the word at `start` surely names an attribute: `[Name` where the `[` follows `{`, `}`, `;` or
    /// the start of the file (an indexer's `[` follows an expression).
    fn is_attribute_name(&self, start: usize) -> bool {
        match self.prev_code(start) {
            Near::Byte(b'[', at) => matches!(self.prev_code(at), Near::Edge | Near::Byte(b'{' | b'}' | b';', _)),
            _ => false,
        }
    }

    /// Walks back over `Qualifier.` and `alias::` parts of a name starting at `start`: where the whole name
    /// starts, or why the walk stopped.
    fn qualified_start(&self, start: usize) -> Result<usize, bool> {
        let mut at = start;
        for _ in 0..32 {
            let sep = match self.prev_code(at) {
                Near::Byte(b'.', dot) => dot,
                Near::Byte(b':', colon) => match self.prev_code(colon) {
                    Near::Byte(b':', first) => first,
                    _ => return Ok(at),
                },
                _ => return Ok(at),
            };
            match self.prev_code(sep) {
                Near::Unsure => return Err(true),
                Near::Byte(b, last) if is_ident_byte(b) => at = word_start(self.text, last),
                // `Generic<T>.Name` or `x.M().Name`: let the caller decide from the byte.
                Near::Byte(b'>', _) => return Err(true),
                _ => return Err(false),
            }
        }
        Err(true)
    }

    /// Whether a declared name starting at `start` may follow a return type, directly or through an explicit
    /// interface qualifier (`Task<int> IRepo.Get(`).
    fn preceded_by_type(&self, start: usize) -> bool {
        let at = match self.qualified_start(start) {
            Ok(at) => at,
            Err(maybe) => return maybe,
        };
        match self.prev_code(at) {
            Near::Unsure => true,
            Near::Edge => false,
            Near::Byte(b, last) if is_ident_byte(b) => !EXPRESSION_KEYWORDS.contains(&word_ending_at(self.text, last)),
            // `=>` ends a lambda's parameters, not a type.
            Near::Byte(b'>', last) => last == 0 || self.text[last - 1] != b'=',
            Near::Byte(b, _) => matches!(b, b']' | b'?' | b'*' | b')'),
        }
    }

    /// Whether the (possibly qualified) name at `start` may be an entry of a type's base list:
    /// `class A<T>(int x) : B, Ns.C<T>, global::D`.
    fn in_base_list(&self, start: usize) -> bool {
        let mut at = start;
        for _ in 0..32 {
            at = match self.qualified_start(at) {
                Ok(at) => at,
                Err(maybe) => return maybe,
            };
            match self.prev_code(at) {
                Near::Unsure => return true,
                // The list's colon: a type declaration's header must come before it.
                Near::Byte(b':', colon) => {
                    return match self.prev_code(colon) {
                        Near::Unsure => true,
                        Near::Byte(b'>' | b')', _) => true,
                        Near::Byte(b, last) if is_ident_byte(b) => match self.prev_code(word_start(self.text, last)) {
                            Near::Unsure => true,
                            Near::Byte(k, kl) => is_ident_byte(k) && is_type_keyword(word_ending_at(self.text, kl)),
                            Near::Edge => false,
                        },
                        _ => false,
                    };
                }
                // A previous entry: walk over it.
                Near::Byte(b',', comma) => match self.prev_code(comma) {
                    Near::Unsure | Near::Byte(b'>' | b')', _) => return true,
                    Near::Byte(b, last) if is_ident_byte(b) => at = word_start(self.text, last),
                    _ => return false,
                },
                _ => return false,
            }
        }
        true
    }
}

fn is_type_keyword(word: &[u8]) -> bool {
    matches!(word, b"class" | b"struct" | b"interface" | b"record")
}

/// Where the `//` comment of a line starts, lexing it from its start as code: `Some(None)` when it has none,
/// `None` when unsure (a string or block comment does not end on the line).
fn comment_start(line: &[u8]) -> Option<Option<usize>> {
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b'/' if line.get(i + 1) == Some(&b'/') => return Some(Some(i)),
            b'/' if line.get(i + 1) == Some(&b'*') => i = find_at(line, i + 2, b"*/")? + 2,
            b'*' if line.get(i + 1) == Some(&b'/') => return None,
            b'@' | b'$' if line[i..].iter().take(3).any(|&c| c == b'"') => {
                // Verbatim or interpolated strings: too many forms to follow; be unsure.
                return None;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                loop {
                    match line.get(i)? {
                        b'\\' => i += 2,
                        &c if c == quote => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Some(None)
}

fn find_at(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(text.get(from..)?, needle).map(|p| from + p)
}

/// The identifier ending at byte `last` (inclusive).
fn word_ending_at(text: &[u8], last: usize) -> &[u8] {
    &text[word_start(text, last)..=last]
}

/// The identifier starting at byte `first`.
fn word_at(text: &[u8], first: usize) -> &[u8] {
    let end = text[first..].iter().position(|&c| !is_ident_byte(c)).map_or(text.len(), |p| first + p);
    &text[first..end]
}

fn word_start(text: &[u8], last: usize) -> usize {
    text[..=last].iter().rposition(|&c| !is_ident_byte(c)).map_or(0, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(text: &str, ask: Ask, name: &str) -> bool {
        AskFinder::new(&[(ask, name.to_string())]).may_answer(text.as_bytes())
    }

    #[test]
    fn triggers_keep_plain_words_as_substrings() {
        let t = Triggers::new(["Result", r"\bWait\b"]).unwrap();
        assert!(t.matches(b"x.GetResult()"));
        assert!(t.matches(b"t.Wait();"));
        assert!(!t.matches(b"t.WaitAsync();"));
        assert!(!Triggers::new([]).unwrap().matches(b"anything"));
        assert!(Triggers::new(["("]).is_err());
    }

    #[test]
    fn types_need_a_declaring_keyword() {
        assert!(answers("public sealed class Repo : IRepo {}", Ask::Types, "Repo"));
        assert!(answers("record struct Point(int X);", Ask::Types, "Point"));
        assert!(answers("interface /* c */ IRepo {}", Ask::Types, "IRepo"));
        assert!(answers("class\n#if X\nA\n#else\nRepo\n#endif\n{}", Ask::Types, "Repo"));
        assert!(!answers("var r = new Repo(); Repo x;", Ask::Types, "Repo"));
        assert!(!answers("class Repository {}", Ask::Types, "Repo"));
    }

    #[test]
    fn bases_follow_colon_comma_or_dot() {
        assert!(answers("class A : B, IRepo<int> {}", Ask::DerivedFrom, "IRepo"));
        assert!(answers("class A : Ns.Base {}", Ask::DerivedFrom, "Base"));
        assert!(answers("class A : global::Base {}", Ask::DerivedFrom, "Base"));
        assert!(answers("record R(int X) : Base(X);", Ask::DerivedFrom, "Base"));
        assert!(answers("class A<T> : Base where T : new()", Ask::DerivedFrom, "Base"));
        assert!(!answers("Base b = new Base();", Ask::DerivedFrom, "Base"));
        assert!(!answers("void M(int a, Base b, Dictionary<int, Base> d)", Ask::DerivedFrom, "Base"));
    }

    #[test]
    fn functions_need_a_type_before_and_a_parenthesis_after() {
        assert!(answers("public async Task<int> GetAsync(int id)", Ask::Functions, "GetAsync"));
        assert!(answers("T Get<T>() where T : new()", Ask::Functions, "Get"));
        assert!(answers("int[] Get()", Ask::Functions, "Get"));
        assert!(answers("(int, int) Get()", Ask::Functions, "Get"));
        assert!(answers("Task IRepo.Get()", Ask::Functions, "Get"));
        assert!(answers("Task Ns.IRepo<int>.Get()", Ask::Functions, "Get"));
        assert!(answers("Task // note (\n  Get()", Ask::Functions, "Get"));
        assert!(answers("Task /* ( */ Get()", Ask::Functions, "Get"));
        assert!(answers("#if A\nTask\n#else\nValueTask\n#endif\nGet()", Ask::Functions, "Get"));
        assert!(!answers("var x = repo.Get(1);", Ask::Functions, "Get"));
        assert!(!answers("return Get(1);", Ask::Functions, "Get"));
        assert!(!answers("await repo.Inner.Get(1);", Ask::Functions, "Get"));
        assert!(!answers("x.Foo().Get();", Ask::Functions, "Get"));
        assert!(!answers("int Get;", Ask::Functions, "Get"));
        assert!(answers("Task<int>\n    // a (note)\n    /// b\n    Get();", Ask::Functions, "Get"));
        assert!(!answers("x = 1; // a\n    // b\n    repo.Get();", Ask::Functions, "Get"));
        assert!(answers("var s = \"//\"; Task\n  Get()", Ask::Functions, "Get"));
        assert!(answers("Task /* a */\n  Get()", Ask::Functions, "Get"));
        assert!(answers("Task Get // c\n  /* d */ (int a)", Ask::Functions, "Get"));
    }

    #[test]
    fn calls_and_delegate_uses() {
        assert!(answers("x?.Get<int>();", Ask::Calls, "Get"));
        assert!(!answers("var Get = 1;", Ask::Calls, "Get"));
        assert!(!answers("public IActionResult Get() => Ok();", Ask::Calls, "Get"));
        assert!(answers("return Get(); await Get(); yield return Get(); x = ref Get();", Ask::Calls, "Get"));
        assert!(answers("from x in xs select Get(x)", Ask::Calls, "Get"));
        assert!(answers("Func<int> f = () => Get();", Ask::Calls, "Get"));
        assert!(!answers("public ActionResult<List<(int, string)>> Get(Guid id)", Ask::Calls, "Get"));
        assert!(answers("if (a > Get(1)) {}", Ask::Calls, "Get"));
        assert!(answers("var ok = x < 3 && y > Get(1);", Ask::Calls, "Get"));
        assert!(answers("var xs = Get<List<(int, string)>, int[]>\n  (1);", Ask::Calls, "Get"));
        assert!(!answers("List<int> xs = new();", Ask::Calls, "List"));
        assert!(!answers("var xs = new List<int>(); var ys = new List<Order>\n(capacity);", Ask::Calls, "List"));
        assert!(!answers("Dictionary<string, List<int>> map;", Ask::Calls, "List"));
        assert!(!answers("if (x.Get < 3 && y > 2) {}", Ask::Calls, "Get"));
        assert!(answers("var v = Get</* T */ int>();", Ask::Calls, "Get"));
        assert!(!answers("IList<Order> Get<T>;", Ask::Functions, "Get"));
        assert!(answers("IList<T> Get<T>() where T : class;", Ask::Functions, "Get"));
        assert!(answers("button.Click += OnClick;", Ask::DelegateUses, "OnClick"));
        assert!(answers("Run(this.OnClick)", Ask::DelegateUses, "OnClick"));
        assert!(answers("Run(cb: OnClick, out OnOther)", Ask::DelegateUses, "OnClick"));
        assert!(!answers("OnClick(this, e); OnClick.Invoke();", Ask::DelegateUses, "OnClick"));
        assert!(answers("handlers[OnClick] = 1;", Ask::DelegateUses, "OnClick"));
        assert!(!answers("}\n  [OnClick]\n  void M(OnClick c) {}", Ask::DelegateUses, "OnClick"));
        assert!(answers("new Thread(inProcess ? OnClick : Other);", Ask::DelegateUses, "OnClick"));
        assert!(answers("new Thread(inProcess ? Other : OnClick);", Ask::DelegateUses, "OnClick"));
        assert!(answers("var h = fallback ?? OnClick;", Ask::DelegateUses, "OnClick"));
        assert!(answers("var h = (Action)OnClick;", Ask::DelegateUses, "OnClick"));
        assert!(answers("var hs = new List<Action> { OnClick };", Ask::DelegateUses, "OnClick"));
        assert!(answers("Action[] hs = [Other, OnClick];", Ask::DelegateUses, "OnClick"));
        assert!(answers("return OnClick; yield return this.OnClick;", Ask::DelegateUses, "OnClick"));
        assert!(answers("Action H => OnClick;", Ask::DelegateUses, "OnClick"));
        assert!(answers("m switch { 1 => OnClick, _ => Other }", Ask::DelegateUses, "OnClick"));
        assert!(!answers("if (a > OnClick) {}", Ask::DelegateUses, "OnClick"));
        assert!(!answers("Action OnClick;", Ask::DelegateUses, "OnClick"));
    }

    #[test]
    fn comments_and_strings() {
        // In a line comment: never a fact.
        assert!(answers("/// <summary>Task to run.</summary>\nclass Task {}", Ask::Types, "Task"));
        assert!(!answers("/// <summary>Task to run.</summary>\nTask M();", Ask::Types, "Task"));
        assert!(!answers("// class Repo\nvar x = 1;", Ask::Types, "Repo"));
        assert!(!answers("x = 1; // don't: class Repo", Ask::Types, "Repo"));
        assert!(!answers("var p = \"/media/Repo 01/\";", Ask::Types, "Repo"));
        assert!(answers("class /* c */ Repo {}", Ask::Types, "Repo"));
        assert!(answers("class // c /\n Repo {}", Ask::Types, "Repo"));
        // A `//` that may sit in a string, or a comment that may end before the word: maybe.
        assert!(answers("var u = \"http://x\"; class Repo {}", Ask::Types, "Repo"));
        assert!(answers("/*\n// x */ class Repo {}", Ask::Types, "Repo"));
        // Earlier lines with trailing comments are skipped exactly when they can be lexed.
        assert!(!answers("Foo('a', 1); // don't (\n  repo.Get();", Ask::Functions, "Get"));
        assert!(answers("var s = @\"a\n\"; // x (\n  Task\n  Get();", Ask::Functions, "Get"));
        assert!(answers("Task // \"quoted\" (\n  Get();", Ask::Functions, "Get"));
        // A lambda's arrow is not a type's end.
        assert!(!answers("items.Any(x =>\n    x.Items.First())", Ask::Functions, "First"));
        assert!(answers("List<int> First()", Ask::Functions, "First"));
    }

    #[test]
    fn base_lists_are_walked() {
        assert!(answers("public partial class A : B, Ns.IC, IRepo {}", Ask::DerivedFrom, "IRepo"));
        assert!(answers("class A<T> : IEquatable<T>, IRepo where T : class {}", Ask::DerivedFrom, "IRepo"));
        assert!(answers("record R(int X) : Base(X), IRepo;", Ask::DerivedFrom, "IRepo"));
        assert!(!answers("Foo(a, x.IRepo, b);", Ask::DerivedFrom, "IRepo"));
        assert!(!answers("using Ns.IRepo;", Ask::DerivedFrom, "IRepo"));
        assert!(!answers("void M<T>() where T : IRepo, new() {}", Ask::DerivedFrom, "IRepo"));
        assert!(!answers("Call(repo: IRepo, x);", Ask::DerivedFrom, "IRepo"));
    }

    #[test]
    fn attributes_are_not_calls() {
        assert!(!answers("}\n[Authorize(\"x\")]\nclass C {}", Ask::Calls, "Authorize"));
        assert!(answers("var v = map[Authorize(1)];", Ask::Calls, "Authorize"));
        assert!(answers("[Route(\"a\")]\n[Authorize(\"x\")]", Ask::Calls, "Authorize"));
    }

    #[test]
    fn names_are_whole_words() {
        assert!(!answers("void GetAll()", Ask::Functions, "Get"));
        assert!(!answers("void MyGet()", Ask::Functions, "Get"));
    }
}
