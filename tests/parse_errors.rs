//! Real code that tree-sitter-c-sharp 0.23.5 cannot read cleanly, by cause (measured on public repositories, see
//! docs/parsing.md). Each test holds one cause next to a blocking wait in clean code.
//!
//! Causes that `syntax::recover` rewrites for the parser: the file parses, a site inside or after the code is
//! found at its real line and rewritten like any other, with the file's own names (never the parser's
//! substitutes), and the code itself comes out as written.
//!
//! Causes it leaves: the clean site is still rewritten, a site in or next to the broken code is reported with the
//! reason, no edit touches an ERROR or MISSING region, and the output has no more parse errors than the input.

mod support;

use asyncmod::model::Outcome;
use asyncmod::model::RunResult;
use asyncmod::syntax::{self, preprocessor, recover};

/// Runs every transform on one loose file.
fn run(text: &str) -> RunResult {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("C.cs"), text).unwrap();
    let mut options = support::pipeline::options(&[], 1);
    options.enabled = asyncmod::transforms::all_ids();
    let result = support::pipeline::run_dir(dir.path(), &options);
    assert!(result.errors.is_empty(), "errors: {:?}", result.errors);
    support::pipeline::check(&[("C.cs".into(), text.as_bytes().to_vec())], true).unwrap();
    result
}

/// The run names its one file as still having parse errors, in the summary's count and in the JSON's list.
#[track_caller]
fn assert_parse_errors_named(result: &RunResult) {
    let [path] = result.files_with_parse_errors.as_slice() else { panic!("{:?}", result.files_with_parse_errors) };
    assert!(path.ends_with("C.cs"), "{path}");
    let summary = asyncmod::report::summary::summary(result, false);
    assert!(summary.lines().next().unwrap().ends_with(", 1 with parse errors"), "{summary}");
    let json: serde_json::Value = serde_json::from_str(&asyncmod::report::json::render(result, "diff")).unwrap();
    assert_eq!(json["files_with_parse_errors"], serde_json::json!([path]));
}

fn errors_as_parsed(text: &str) -> usize {
    syntax::error_count(&recover::parse(&preprocessor::blank_inactive(text, &preprocessor::Defines::default())))
}

fn new_text(result: &RunResult) -> &str {
    assert_eq!(result.changes.len(), 1, "expected one changed file");
    &result.changes[0].new_text
}

/// The site whose source text starts at `needle`.
fn site_at<'r>(result: &'r RunResult, text: &str, needle: &str) -> &'r asyncmod::model::SiteReport {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    result
        .sites
        .iter()
        .find(|s| s.range.start <= at && at < s.range.end)
        .unwrap_or_else(|| panic!("no site at {needle}: {:#?}", result.sites))
}

const CLEAN: &str = "    int Clean(Task<int> t)\n    {\n        return t.Result;\n    }\n";

fn with_clean(class_body: &str) -> String {
    format!("using System.Threading.Tasks;\n\nclass C\n{{\n{CLEAN}\n{class_body}}}\n")
}

fn assert_clean_site_rewritten(result: &RunResult) {
    let out = new_text(result);
    assert!(out.contains("async Task<int> Clean(Task<int> t)"), "{out}");
    assert!(out.contains("return await t;"), "{out}");
}

#[test]
fn if_else_branches_splitting_a_declaration_parse_and_the_split_method_is_left_alone() {
    let text = with_clean(
        "#if NETSTANDARD2_0\n    public int Split(Task<int> t)\n    {\n#else\n    public int Split(Task<int> t, int x = 0)\n    {\n#endif\n        return t.Result;\n    }\n",
    );
    assert!(syntax::error_count(&syntax::parse(&text)) > 0, "the raw text has errors");
    assert_eq!(errors_as_parsed(&text), 0, "blanking the inactive branch fixes the parse");
    let result = run(&text);
    assert_clean_site_rewritten(&result);
    // Its return type is written twice, once per branch: changing one would break the other build.
    let split = site_at(&result, &text, "t.Result;\n    }\n}");
    assert_eq!(split.outcome, Outcome::Reported);
    assert!(split.reason.contains("#if"), "{}", split.reason);
    assert!(new_text(&result).contains("public int Split(Task<int> t)\n"));
}

#[test]
fn pragma_lines_inside_expressions_parse() {
    let text = with_clean(
        "    int Pragma(Task<int> t)\n    {\n        return Sum(\n#pragma warning disable CS0618\n            t.Result,\n#pragma warning restore 0618\n            1);\n    }\n\n    int Sum(int a, int b) => a + b;\n",
    );
    let text = format!("{text}#pragma warning restore CS1591");
    assert!(syntax::error_count(&syntax::parse(&text)) > 0, "a directive ending the file is an error");
    assert_eq!(errors_as_parsed(&text), 0, "blanking directive lines fixes the parse");
    let result = run(&text);
    assert_clean_site_rewritten(&result);
    assert!(new_text(&result).contains("            await t,\n#pragma warning restore 0618"), "{}", new_text(&result));
}

/// Causes the grammar itself cannot read: the broken code is left alone, the rest is still handled. The site next
/// to it is either reported as being in code that does not parse, or, when the ERROR region stays within another
/// statement, rewritten like any other (the engine rejects any edit that touches the region: `run` checks that).
fn grammar_limit(broken_method: &str, site_needle: &str, broken_line: &str) {
    let text = with_clean(broken_method);
    assert!(errors_as_parsed(&text) > 0, "expected tree-sitter-c-sharp 0.23.5 to fail on:\n{broken_method}");
    let result = run(&text);
    assert_clean_site_rewritten(&result);
    let site = site_at(&result, &text, site_needle);
    if site.outcome != Outcome::Rewritten {
        assert!(!site.reason.is_empty(), "{site:?}");
    }
    eprintln!("site next to the broken code: {:?}: {}", site.outcome, site.reason);
    let out = new_text(&result);
    assert!(out.contains(broken_line), "the broken line changed:\n{out}");
}

#[test]
fn pointer_dereference_of_a_sum() {
    grammar_limit(
        "    unsafe int Pointer(int* p, int i, Task<int> t)\n    {\n        *(p + i) = t.Result;\n        return 0;\n    }\n",
        "t.Result;\n        return 0;",
        "*(p + i) = t.Result;",
    );
}

#[test]
fn ref_lambda_parameters_without_types() {
    grammar_limit(
        "    void RefLambda(Task<int> t)\n    {\n        Run(static (ref r) => r.Read(t.Result));\n    }\n",
        "t.Result)",
        "Run(static (ref r) => r.Read(t.Result));",
    );
}

/// A caller whose call sits in broken code keeps its callee from changing signature: the call could not be awaited.
#[test]
fn a_caller_in_broken_code_blocks_the_callee() {
    let text = "using System.Threading.Tasks;\n\nclass C\n{\n    int Callee(Task<int> t)\n    {\n        return t.Result;\n    }\n\n    void Caller(int[] xs, Task<int> t)\n    {\n        var q = from _ in xs select Callee(t);\n    }\n}\n";
    assert!(errors_as_parsed(text) > 0);
    let result = run(text);
    assert!(result.changes.is_empty(), "{}", support::all_diffs(&result));
    let site = site_at(&result, text, "t.Result;");
    assert_eq!(site.outcome, Outcome::Reported);
    assert!(site.reason.contains("does not parse"), "{}", site.reason);
    assert_parse_errors_named(&result);
}

/// Errors that tree-sitter reports without a visible ERROR or MISSING node still count.
#[test]
fn hidden_errors_are_regions() {
    let text = "class C\n{\n    void M()\n    {\n        Run(static (ref r) => r.X(), y: true);\n    }\n}\n";
    let tree = syntax::parse(text);
    assert!(tree.root_node().has_error());
    assert!(!syntax::error_ranges(&tree).is_empty());
    assert_eq!(syntax::error_count(&tree), syntax::error_ranges(&tree).len());
}

/// Code the parser reads only through `syntax::recover`: `broken_method` (a member of the class) fails to parse as
/// written and parses once recovered; the site at `site_needle` is found at its real line with the `outcome`
/// expected, and the output holds every line of `kept` and `rewritten`.
#[track_caller]
fn recovered(broken_method: &str, site_needle: &str, outcome: Outcome, kept: &[&str], rewritten: &[&str]) -> RunResult {
    let text = with_clean(broken_method);
    recovered_file(&text, site_needle, outcome, kept, rewritten)
}

#[track_caller]
fn recovered_file(text: &str, site_needle: &str, outcome: Outcome, kept: &[&str], rewritten: &[&str]) -> RunResult {
    let blanked = preprocessor::blank_inactive(text, &preprocessor::Defines::default());
    assert!(syntax::error_count(&syntax::parse(&blanked)) > 0, "tree-sitter-c-sharp 0.23.5 reads this now:\n{text}");
    assert_eq!(errors_as_parsed(text), 0, "recovery leaves errors in:\n{}", recover::recover(&blanked));
    let result = run(text);
    assert!(result.files_with_parse_errors.is_empty(), "{:?}", result.files_with_parse_errors);
    assert!(!asyncmod::report::summary::summary(&result, false).contains("parse errors"));
    let site = site_at(&result, text, site_needle);
    let at = text.find(site_needle).unwrap();
    let line = text[..at].lines().count() + usize::from(text[..at].ends_with('\n'));
    assert_eq!(site.line, line, "{site:?}");
    assert_eq!(site.outcome, outcome, "{site:?}");
    let out = if result.changes.is_empty() { text } else { new_text(&result) };
    for k in kept.iter().chain(rewritten) {
        assert!(out.contains(k), "expected {k:?} in:\n{out}");
    }
    // The parser's substitutes never reach the output: every word of it is one of the input's or of the rewrites.
    for s in recover::substitutions(&blanked) {
        let substitute = &recover::recover(&blanked)[s.range.clone()];
        if !substitute.trim().is_empty() {
            assert!(!out.contains(substitute), "{substitute:?} leaked into:\n{out}");
        }
    }
    result
}

#[test]
fn async_as_a_name() {
    let result = recovered(
        "    async Task<int> Identifier(Task<int> async, Task<int> t)\n    {\n        var a = await async;\n        return a + t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        Outcome::Rewritten,
        &["var a = await async;"],
        &["return a + await t;"],
    );
    assert_clean_site_rewritten(&result);
}

/// The efcore test shape: a `bool async` parameter tested in an `if`.
#[test]
fn async_flag_in_a_condition() {
    recovered(
        "    async Task Query(bool async, Task<int> t)\n    {\n        if (async)\n        {\n            await Task.Yield();\n        }\n\n        Use(async ? 1 : t.Result);\n    }\n\n    void Use(int x)\n    {\n    }\n",
        "t.Result);",
        Outcome::Rewritten,
        &["if (async)\n"],
        &["Use(async ? 1 : await t);"],
    );
}

/// The name matters where the tool reads it: the local's type is looked up by its name to see that `.Result`
/// blocks on a task, a check of the same variable is matched by name, and the rewrite writes the name back. All
/// of them use `async`, never the parser's `_sync`.
#[test]
fn a_local_named_async_keeps_its_name() {
    let method = "    async Task<int> Local(Task<int> t)\n    {\n        Task<int> async = t;\n        var a = async.Result;\n        return a;\n    }\n";
    recovered(method, "async.Result;", Outcome::Rewritten, &["Task<int> async = t;"], &["var a = await async;"]);
    let checked = "    async Task<int> Local(Task<int> t)\n    {\n        Task<int> async = t;\n        if (async.IsCompleted)\n        {\n            return async.Result;\n        }\n\n        return 0;\n    }\n";
    let result = recovered(checked, "async.Result;", Outcome::LeftAlone, &["return async.Result;"], &[]);
    let site = site_at(&result, &with_clean(checked), "async.Result;");
    assert!(site.reason.contains("checked on line 13"), "{}", site.reason);
    let text = with_clean(method);
    let facts = asyncmod::index::facts::extract(&recover::parse(&text), &text);
    let local = facts.functions.iter().find(|f| f.name == "Local").expect("the method's facts");
    assert!(local.locals.iter().any(|l| l.name == "async"), "{:?}", local.locals);
}

#[test]
fn partial_as_a_name() {
    recovered(
        "    void Partial(byte[][] buffers, Task<int> t)\n    {\n        var partial = buffers[0];\n        partial[0] = 3;\n        Use(partial.Length, t.Result);\n    }\n\n    void Use(int a, int b)\n    {\n    }\n",
        "t.Result)",
        Outcome::Rewritten,
        &["partial[0] = 3;"],
        &["Use(partial.Length, await t);"],
    );
}

/// The gitextensions shape: a C# 14 null-conditional assignment above a blocking wait. Without recovery the class
/// body from the assignment on was an ERROR region, and the wait below it was reported at a wrong line.
#[test]
fn null_conditional_assignment() {
    let result = recovered(
        "    void Restore(Holder column)\n    {\n        column?.Resizable = true;\n        column?.Changed -= OnChanged;\n    }\n\n    void OnChanged(object sender, System.EventArgs e)\n    {\n    }\n\n    int Refresh(Task<int> t)\n    {\n        return t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        Outcome::Rewritten,
        &["column?.Resizable = true;", "column?.Changed -= OnChanged;"],
        &["async Task<int> Refresh(Task<int> t)", "return await t;"],
    );
    assert_clean_site_rewritten(&result);
}

/// The `?` is blanked for the parser only: the value is still awaited inside the conditional assignment, which
/// runs it only when the receiver is not null, as before.
#[test]
fn a_site_in_a_null_conditional_assignment() {
    recovered(
        "    void Conditional(Holder h, Task<int> t)\n    {\n        h?.Value = t.Result;\n        h?[0] += t.Result;\n    }\n",
        "t.Result;\n        h?[0]",
        Outcome::Rewritten,
        &[],
        &["h?.Value = await t;", "h?[0] += await t;"],
    );
}

#[test]
fn a_caller_in_a_null_conditional_assignment_awaits_its_callee() {
    let text = "using System.Threading.Tasks;\n\nclass C\n{\n    int Callee(Task<int> t)\n    {\n        return t.Result;\n    }\n\n    void Caller(Holder h, Task<int> t)\n    {\n        h?.Value = Callee(t);\n    }\n}\n";
    recovered_file(text, "t.Result;", Outcome::Rewritten, &[], &["h?.Value = await Callee"]);
}

#[test]
fn collection_expression_of_an_attribute_target_word() {
    recovered(
        "    void Collection(Dictionary<string, Type[]> types, string extension, Type type, Task<int> t)\n    {\n        types[extension] = [type];\n        Use(t.Result);\n    }\n",
        "t.Result)",
        Outcome::Rewritten,
        &["types[extension] = [type];"],
        &["Use(await t);"],
    );
}

#[test]
fn ref_partial_struct() {
    let text = "using System.Threading.Tasks;\n\npublic ref partial struct Reader\n{\n    static int Read(Task<int> t)\n    {\n        return t.Result;\n    }\n}\n";
    recovered_file(text, "t.Result;", Outcome::Rewritten, &["public ref partial struct Reader"], &["return await t;"]);
}

#[test]
fn quotes_after_a_hole_in_a_verbatim_interpolated_string() {
    recovered(
        "    string Quote(string order, string key, Task<int> t)\n    {\n        var sort = $@\"--sort=\"\"{order}{key}\"\"\";\n        return sort + t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        Outcome::Rewritten,
        &["var sort = $@\"--sort=\"\"{order}{key}\"\"\";"],
        &["return sort + await t;"],
    );
}

#[test]
fn braces_before_a_hole_holding_a_string() {
    recovered(
        "    string Braces(string[] entries, Task<int> t)\n    {\n        var set = $\"{{{string.Join(\",\", entries)}}}\";\n        return set + t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        Outcome::Rewritten,
        &["var set = $\"{{{string.Join(\",\", entries)}}}\";"],
        &["return set + await t;"],
    );
}

/// `await` as a name stays a parse error (see `syntax::recover::Rule::KeywordAsName`): making this method async would
/// turn the name into the operator.
#[test]
fn await_as_a_name_is_left_alone() {
    let text = with_clean(
        "    object Await(object operation, Task<int> t)\n    {\n        var r = t.Result;\n        return operation switch\n        {\n            IAwait await => await.Operation,\n            _ => r,\n        };\n    }\n",
    );
    assert!(errors_as_parsed(&text) > 0);
    let result = run(&text);
    assert_clean_site_rewritten(&result);
    assert!(new_text(&result).contains("    object Await(object operation, Task<int> t)\n"), "{}", new_text(&result));
    assert_parse_errors_named(&result);
}

/// `*(p + i) = Callee(t);` reads as an error before `*Callee(t)`: no call site for Callee is recorded, so its name
/// counts as a name in broken code, and Callee is not made async (its task would land where an int is written).
#[test]
fn a_call_misread_around_an_error_keeps_its_callee_synchronous() {
    let text = "using System.Threading.Tasks;\nunsafe class C\n{\n    static Task<int> FetchAsync() => Task.FromResult(1);\n    static int Callee(int t) { return FetchAsync().Result; }\n    void M(int* p, int i, int t)\n    {\n        *(p + i) = Callee(t);\n    }\n    async Task N() { await Task.Yield(); Callee(2); }\n}\n";
    let result = run(text);
    let site = site_at(&result, text, "FetchAsync().Result");
    assert_eq!(site.outcome, Outcome::Reported, "{site:?}");
    assert_eq!(site.reason_code.map(|c| c.0), Some("ASYNC139"), "{site:?}");
    assert!(result.changes.is_empty(), "{:?}", result.changes.iter().map(|c| &c.new_text).collect::<Vec<_>>());
}
