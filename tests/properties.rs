//! Property tests: the fixture cases and generated C#, mutated the way real files go wrong (tokens and lines
//! deleted, duplicated or swapped; truncation; stray braces; mixed CRLF/LF; a BOM; unicode identifiers and
//! strings), through each transform alone and all together. For every input: no panic, no internal error, no
//! ERROR/MISSING nodes beyond the input's, a second run changes nothing, and `-j1` equals `-j8`
//! (`tests/support/pipeline.rs`).
//!
//! Fast by default; `ASYNCMOD_PROPTEST_CASES=5000 cargo test --release --test properties` for a long run.

mod support;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

/// Every fixture case as a list of (name, text) files.
fn seeds() -> Vec<Vec<(String, String)>> {
    support::all_cases()
        .iter()
        .map(|case| {
            support::cs_files(&case.path)
                .iter()
                .map(|f| {
                    let name = f.strip_prefix(&case.path).unwrap_or(f.file_name().unwrap().as_ref());
                    let name = if name.as_os_str().is_empty() { f.file_name().unwrap().as_ref() } else { name };
                    (name.to_string_lossy().into_owned(), std::fs::read_to_string(f).unwrap())
                })
                .collect()
        })
        .collect()
}

/// Identifier runs, whitespace runs, and single other characters.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let class = |c: char| {
        if c.is_alphanumeric() || c == '_' {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        }
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 1..=chars.len() {
        let end = chars.get(w).map_or(text.len(), |c| c.0);
        let split = w == chars.len() || class(chars[w].1) != class(chars[w - 1].1) || class(chars[w].1) == 2;
        if split {
            out.push(&text[start..end]);
            start = end;
        }
    }
    out
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteToken(Index),
    DuplicateToken(Index),
    SwapTokens(Index, Index),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Truncate(Index),
    StrayBrace(Index, bool),
    LineEnding(Index, bool),
    Bom,
    Unicode(Index, Index),
}

const UNICODE: &[&str] = &["ñandú", "Ωmega", "_日本", "\"ünï €😀\"", "@\"é\n😀\"", "$\"{ü}\"", "/* ∞ */", "'é'"];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteToken),
        any::<Index>().prop_map(Mutation::DuplicateToken),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapTokens(a, b)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<bool>()).prop_map(|(a, b)| Mutation::StrayBrace(a, b)),
        (any::<Index>(), any::<bool>()).prop_map(|(a, b)| Mutation::LineEnding(a, b)),
        Just(Mutation::Bom),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Unicode(a, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let toks = tokens(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let join = |v: Vec<&str>| v.concat();
    if toks.is_empty() {
        return text.to_string();
    }
    match m {
        Mutation::DeleteToken(i) => {
            let mut t = toks.clone();
            t.remove(i.index(t.len()));
            join(t)
        }
        Mutation::DuplicateToken(i) => {
            let mut t = toks.clone();
            let k = i.index(t.len());
            t.insert(k, toks[k]);
            join(t)
        }
        Mutation::SwapTokens(a, b) => {
            let mut t = toks.clone();
            let (a, b) = (a.index(t.len()), b.index(t.len()));
            t.swap(a, b);
            join(t)
        }
        Mutation::DeleteLine(i) => {
            let mut l = lines.clone();
            l.remove(i.index(l.len()));
            join(l)
        }
        Mutation::DuplicateLine(i) => {
            let mut l = lines.clone();
            let k = i.index(l.len());
            l.insert(k, lines[k]);
            join(l)
        }
        Mutation::SwapLines(a, b) => {
            let mut l = lines.clone();
            let (a, b) = (a.index(l.len()), b.index(l.len()));
            l.swap(a, b);
            join(l)
        }
        Mutation::Truncate(i) => join(toks[..i.index(toks.len())].to_vec()),
        Mutation::StrayBrace(i, open) => {
            let mut t = toks.clone();
            t.insert(i.index(t.len() + 1), if *open { "{" } else { "}" });
            join(t)
        }
        Mutation::LineEnding(i, crlf) => {
            let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            let k = i.index(l.len());
            let body = l[k].trim_end_matches(['\r', '\n']).to_string();
            if l[k].ends_with('\n') {
                l[k] = body + if *crlf { "\r\n" } else { "\n" };
            }
            l.concat()
        }
        Mutation::Bom => format!("\u{feff}{}", text.trim_start_matches('\u{feff}')),
        Mutation::Unicode(i, which) => {
            let mut t = toks.clone();
            t.insert(i.index(t.len() + 1), UNICODE[which.index(UNICODE.len())]);
            join(t)
        }
    }
}

/// Small generated files: blocking waits in sync and async methods, callers, async void, lambdas, CRLF or not.
fn generated() -> impl Strategy<Value = String> {
    let member = prop_oneof![
        Just("    int Get(Task<int> t)\n    {\n        return t.Result;\n    }\n"),
        Just("    void Wait(Task t)\n    {\n        t.Wait();\n    }\n"),
        Just("    int Caller(Task<int> t) => Get(t) + 1;\n"),
        Just("    async void Fire()\n    {\n        await Task.Delay(1);\n    }\n"),
        Just("    void CallsFire()\n    {\n        Fire();\n    }\n"),
        Just("    async Task Sleepy()\n    {\n        Thread.Sleep(10);\n    }\n"),
        Just("    int Both(Task<int> a, Task<int> b)\n    {\n        Task.WaitAll(a, b);\n        return a.Result + b.Result;\n    }\n"),
        Just("    object Lam(Task<int> t) => Task.Run(() => t.Result);\n"),
        Just("    int Prop => Get(null);\n"),
        Just("#if DEBUG\n    int Dbg(Task<int> t) { return t.Result; }\n#else\n    int Dbg(Task<int> t) { return 0; }\n#endif\n"),
    ];
    (prop::collection::vec(member, 1..6), any::<bool>()).prop_map(|(members, crlf)| {
        let text =
            format!("using System.Threading;\nusing System.Threading.Tasks;\n\nclass G\n{{\n{}}}\n", members.concat());
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    })
}

fn cases() -> u32 {
    std::env::var("ASYNCMOD_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}

fn check(files: Vec<(String, String)>) -> Result<(), TestCaseError> {
    let bytes: Vec<(String, Vec<u8>)> = files.into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
    support::pipeline::check(&bytes, true).map_err(TestCaseError::fail)
}

#[test]
fn mutated_fixtures_keep_the_invariants() {
    let seeds = seeds();
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let strategy = (any::<Index>(), any::<Index>(), prop::collection::vec(mutation(), 1..4));
    runner
        .run(&strategy, |(seed, file, mutations)| {
            let mut files = seeds[seed.index(seeds.len())].clone();
            let k = file.index(files.len());
            for m in &mutations {
                files[k].1 = apply(&files[k].1, m);
            }
            check(files)
        })
        .unwrap();
}

#[test]
fn mutated_generated_code_keeps_the_invariants() {
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    runner
        .run(&(generated(), prop::collection::vec(mutation(), 0..3)), |(text, mutations)| {
            let text = mutations.iter().fold(text, |t, m| apply(&t, m));
            check(vec![("G.cs".into(), text)])
        })
        .unwrap();
}

#[test]
fn tokens_cover_the_text() {
    let text = "class Ñ { int x = a.Result; } // é\r\n";
    assert_eq!(tokens(text).concat(), text);
    assert!(tokens(text).contains(&"Result"));
}
