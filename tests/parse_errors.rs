//! Real code that tree-sitter-c-sharp 0.23.5 cannot read cleanly, by cause (measured on public repositories, see
//! docs/sweep.md). Each test holds one cause next to a blocking wait in clean code: the clean site is still
//! rewritten, a site in or next to the broken code is reported with the reason, no edit touches an ERROR or MISSING
//! region, and the output has no more parse errors than the input.

mod support;

use asyncmod::model::Outcome;
use asyncmod::model::RunResult;
use asyncmod::syntax::{self, preprocessor};

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

fn errors_as_parsed(text: &str) -> usize {
    syntax::error_count(&syntax::parse(&preprocessor::blank_inactive(text, &preprocessor::Defines::default())))
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
fn async_as_an_identifier() {
    grammar_limit(
        "    async Task<int> Identifier(Task<int> async, Task<int> t)\n    {\n        var a = await async;\n        return a + t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        "var a = await async;",
    );
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
fn null_conditional_assignment() {
    grammar_limit(
        "    void Conditional(Holder h, Task<int> t)\n    {\n        h?.Value = t.Result;\n    }\n",
        "t.Result;\n    }\n}",
        "h?.Value = t.Result;",
    );
}

#[test]
fn collection_expression_as_an_assigned_value() {
    grammar_limit(
        "    void Collection(Dictionary<string, Type[]> types, string extension, Type type, Task<int> t)\n    {\n        types[extension] = [type];\n        Use(t.Result);\n    }\n",
        "t.Result)",
        "types[extension] = [type];",
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
    let text = "using System.Threading.Tasks;\n\nclass C\n{\n    int Callee(Task<int> t)\n    {\n        return t.Result;\n    }\n\n    void Caller(Holder h, Task<int> t)\n    {\n        h?.Value = Callee(t);\n    }\n}\n";
    assert!(errors_as_parsed(text) > 0);
    let result = run(text);
    assert!(result.changes.is_empty(), "{}", support::all_diffs(&result));
    let site = site_at(&result, text, "t.Result;");
    assert_eq!(site.outcome, Outcome::Reported);
    assert!(site.reason.contains("does not parse"), "{}", site.reason);
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
