//! A compact summary of the words a file holds, so a lazy round can pass over a file without reading it again.
//!
//! The engine keeps no text of a file it did not parse (memory), and each lazy round asks whether a file may
//! answer one of its questions (`prefilter::AskFinder::first_answer`). Every such answer starts with a whole-word
//! occurrence of the asked name, outside a `//` comment: a Bloom filter of those words, built while the text is
//! in memory anyway, rules most files out for a round that asks few names, without touching the disk.
//!
//! The filter over-approximates: a word it was given always tests present; a word it was not given tests present
//! with a small probability (about 0.3 % at the size chosen here). Words no asked name can be (numbers, most
//! reserved keywords) are left out to keep it small: a name made only of such words tests as "may be anywhere".

use crate::prefilter::is_ident_byte;

/// Filter bits per distinct word. 12 bits and 8 probes: about 0.3 % false positives per absent word, so a round
/// asking a hundred absent names still rules out three files in four.
const BITS_PER_WORD: usize = 12;
const PROBES: u32 = 8;

/// A word's hash: the filter's probes all derive from it, so a round hashes each asked name once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Word(u64);

impl Word {
    pub fn new(word: &[u8]) -> Word {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut h = (word.len() as u64).wrapping_mul(K);
        let mut chunks = word.chunks_exact(8);
        let mut mix = |v: u64| h = (h ^ v).wrapping_mul(K).rotate_left(31);
        for c in &mut chunks {
            mix(u64::from_le_bytes(c.try_into().expect("chunks of 8")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            mix(u64::from_le_bytes(last));
        }
        // The probes take both halves of the hash: every input bit must reach all of them.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        Word(h)
    }

    /// The bits it sets in a filter of `m` bits: double hashing over the two halves of one hash, mapped onto
    /// `0..m` by a multiply (no division on the test path).
    fn probes(self, m: u64) -> impl Iterator<Item = u64> {
        let (h1, h2) = (self.0 as u32, (self.0 >> 32) as u32 | 1);
        (0..PROBES).map(move |i| (u64::from(h1.wrapping_add(i.wrapping_mul(h2))) * m) >> 32)
    }
}

/// The words of one file.
#[derive(Clone, Debug, Default)]
pub struct WordFilter {
    bits: Box<[u64]>,
}

impl WordFilter {
    /// The filter of a file's text (without its BOM), sized to its distinct words.
    pub fn of(text: &[u8]) -> WordFilter {
        let mut words = Vec::new();
        each_word(text, |w| {
            if kept(w) {
                words.push(Word::new(w));
            }
        });
        words.sort_unstable();
        words.dedup();
        let mut bits = vec![0u64; (words.len() * BITS_PER_WORD).div_ceil(64)].into_boxed_slice();
        let m = bits.len() as u64 * 64;
        for w in words {
            for p in w.probes(m) {
                bits[(p / 64) as usize] |= 1 << (p % 64);
            }
        }
        WordFilter { bits }
    }

    /// Whether the text may hold `word` as a whole word outside a line comment: surely when it does, rarely
    /// when it does not.
    pub fn may_hold(&self, word: Word) -> bool {
        let m = self.bits.len() as u64 * 64;
        m > 0 && word.probes(m).all(|p| self.bits[(p / 64) as usize] & (1 << (p % 64)) != 0)
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.bits)
    }
}

/// The words a text must hold for `name` to occur in it where `AskFinder` would take it for the name, each
/// bounded by non-identifier bytes; `None` when the filter cannot tell (the name may occur with none of them
/// stored).
///
/// An identifier is one word. Another name (a tuple type's text, `(A a, B b)`) is matched with no identifier
/// byte on either side, so each identifier run inside it is a whole word of the text too, and lies outside a
/// line comment whenever the name's start does (the `//` would have to come before the name, on its line),
/// unless the name holds a `/` itself.
pub fn words_of_name(name: &[u8]) -> Option<Vec<Word>> {
    if name.contains(&b'/') {
        return None;
    }
    let words: Vec<Word> =
        name.split(|&b| !is_ident_byte(b)).filter(|w| !w.is_empty() && kept(w)).map(Word::new).collect();
    (!words.is_empty()).then_some(words)
}

/// Whether the filter stores `word`: not a number, nor a reserved keyword other than a predefined type's
/// (no declaration, call or use has one for its name; leaving them out saves about a fifth of the words).
/// The predefined types stay: the planner asks about parameter and return types, `int` and `object` included,
/// and one such name in a round would make every file a "maybe".
fn kept(word: &[u8]) -> bool {
    !word[0].is_ascii_digit() && !is_keyword_but_no_type(word)
}

fn is_keyword_but_no_type(word: &[u8]) -> bool {
    matches!(
        word,
        b"abstract"
            | b"as"
            | b"base"
            | b"break"
            | b"case"
            | b"catch"
            | b"checked"
            | b"class"
            | b"const"
            | b"continue"
            | b"default"
            | b"delegate"
            | b"do"
            | b"else"
            | b"enum"
            | b"event"
            | b"explicit"
            | b"extern"
            | b"false"
            | b"finally"
            | b"fixed"
            | b"for"
            | b"foreach"
            | b"goto"
            | b"if"
            | b"implicit"
            | b"in"
            | b"interface"
            | b"internal"
            | b"is"
            | b"lock"
            | b"namespace"
            | b"new"
            | b"null"
            | b"operator"
            | b"out"
            | b"override"
            | b"params"
            | b"private"
            | b"protected"
            | b"public"
            | b"readonly"
            | b"ref"
            | b"return"
            | b"sealed"
            | b"sizeof"
            | b"stackalloc"
            | b"static"
            | b"struct"
            | b"switch"
            | b"this"
            | b"throw"
            | b"true"
            | b"try"
            | b"typeof"
            | b"unchecked"
            | b"unsafe"
            | b"using"
            | b"virtual"
            | b"void"
            | b"volatile"
            | b"while"
    )
}

/// Calls `f` with each maximal run of identifier bytes in `text` that is not surely inside a `//` comment.
///
/// "Surely" is `prefilter`'s `Src::in_line_comment`, decided once per line instead of once per word (that one
/// looks back to the line's start): the line's first `//` has nothing before it that could open a string, a
/// character or a block comment, and nothing between it and the word could close a string or a block comment.
/// Dropping a word `AskFinder` would not take is only a saving; dropping one it would take loses answers, so
/// `prefilter`'s tests check this against `first_answer` on random text.
fn each_word(text: &[u8], mut f: impl FnMut(&[u8])) {
    let mut i = 0;
    let mut line_start = 0;
    // For the current line: the comment's `//` and the last offset a word may start at and still be in it.
    let mut comment: Option<(usize, usize)> = None;
    let mut comment_line = None;
    while i < text.len() {
        let b = text[i];
        if !is_ident_byte(b) {
            if b == b'\n' {
                line_start = i + 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && is_ident_byte(text[i]) {
            i += 1;
        }
        if comment_line != Some(line_start) {
            comment_line = Some(line_start);
            comment = line_comment(text, line_start);
        }
        if comment.is_some_and(|(slashes, last)| start > slashes && start <= last) {
            continue;
        }
        f(&text[start..i]);
    }
}

/// For the line starting at `line_start`: where its first `//` is and the last offset at which a word is still
/// surely inside that comment (the first `"`, or the `/` of the first `*/`, counting from the `//`).
fn line_comment(text: &[u8], line_start: usize) -> Option<(usize, usize)> {
    let end = memchr::memchr(b'\n', &text[line_start..]).map_or(text.len(), |p| line_start + p);
    let line = &text[line_start..end];
    let slashes = memchr::memmem::find(line, b"//")?;
    if line[..slashes].iter().any(|&c| matches!(c, b'"' | b'\'' | b'*' | b'/')) {
        return None;
    }
    let from = line_start + slashes;
    let last =
        (from..end).find(|&p| text[p] == b'"' || (p > from && text[p - 1] == b'*' && text[p] == b'/')).unwrap_or(end);
    Some((from, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text.as_bytes(), |w| out.push(String::from_utf8(w.to_vec()).unwrap()));
        out
    }

    #[test]
    fn holds_every_word_it_was_given_and_few_others() {
        let present: Vec<String> = (0..2000).map(|i| format!("Name{i}x")).collect();
        let text = present.join(" + ");
        let filter = WordFilter::of(text.as_bytes());
        assert!(present.iter().all(|w| filter.may_hold(Word::new(w.as_bytes()))));
        let absent = (0..20_000).filter(|i| filter.may_hold(Word::new(format!("Other{i}").as_bytes()))).count();
        // 12 bits a word: about 0.3 %; a broken hash or probe sequence fills the filter and fails this.
        assert!(absent < 200, "{absent} of 20000 absent words pass");
        // About 12 bits a word, not more.
        assert!(filter.heap_bytes() <= 2000 * BITS_PER_WORD / 8 + 8, "{}", filter.heap_bytes());
    }

    #[test]
    fn an_empty_text_holds_nothing() {
        let filter = WordFilter::of(b"  { } ; 42 public class void");
        assert_eq!(filter.heap_bytes(), 0);
        assert!(!filter.may_hold(Word::new(b"Get")));
    }

    #[test]
    fn words_are_whole_and_outside_line_comments() {
        assert_eq!(words("a.GetAll(x_1, é) // note Get\n  b"), ["a", "GetAll", "x_1", "é", "b"]);
        // Unsure comments keep their words: a string or block comment may be open.
        assert_eq!(words("s = \"//\"; t"), ["s", "t"]);
        assert_eq!(words("/* // */ a"), ["a"]);
        assert_eq!(words("x // a \" b"), ["x", "b"]);
        assert_eq!(words("x // a */ b"), ["x", "b"]);
        assert_eq!(words("x //*/ b"), ["x", "b"]);
    }

    #[test]
    fn names_need_their_words() {
        assert_eq!(words_of_name(b"GetAsync"), Some(vec![Word::new(b"GetAsync")]));
        assert_eq!(words_of_name(b"string[]"), Some(vec![Word::new(b"string")]));
        assert_eq!(
            words_of_name(b"(Order o, ref int n)"),
            Some(vec![Word::new(b"Order"), Word::new(b"o"), Word::new(b"int"), Word::new(b"n")])
        );
        // Nothing the filter stores: the name may be anywhere.
        assert_eq!(words_of_name(b"void"), None);
        assert_eq!(words_of_name(b"\")"), None);
        assert_eq!(words_of_name(b"(A a, // c\n B b)"), None);
    }
}
