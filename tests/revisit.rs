//! One run does what running asyncmod again would: a site whose code another rewrite restructures is planned
//! again on the rewritten text, in memory (`engine::revisit`). Nesting deeper than the passes one run allows
//! is reported with its original position and a reason that says to run again.

mod support;

use asyncmod::model::Outcome;
use asyncmod::model::RunResult;

fn run(dir: &std::path::Path) -> RunResult {
    let result =
        support::pipeline::run_dir(dir, &support::pipeline::options(&[asyncmod::transforms::bounded_fanout::ID], 1));
    assert!(result.errors.is_empty(), "errors: {:?}", result.errors);
    result
}

/// `depth` fan-outs, each inside the lambda of the one before.
fn nested(depth: usize) -> String {
    let mut body = String::new();
    for level in 0..depth {
        let indent = "    ".repeat(2 + 2 * level);
        if level + 1 == depth {
            body.push_str(&format!("{indent}await Task.WhenAll(x{level}.Select(x => Work(x)));\n"));
        } else {
            body.push_str(&format!("{indent}await Task.WhenAll(x{level}.Select(async x{} =>\n{indent}{{\n", level + 1));
        }
    }
    for level in (0..depth - 1).rev() {
        let indent = "    ".repeat(2 + 2 * level);
        body.push_str(&format!("{indent}}}));\n"));
    }
    let mut ty = "int".to_string();
    for _ in 0..depth {
        ty = format!("List<{ty}>");
    }
    format!(
        "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\n\npublic class Deep\n{{\n    \
         public async Task RunAsync({ty} x0)\n    {{\n{body}    }}\n\n    private Task Work(int x) => Task.Delay(x);\n}}\n"
    )
}

#[test]
fn four_nested_fan_outs_are_all_bounded_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Deep.cs"), nested(4)).unwrap();
    let first = run(dir.path());
    let rewritten: Vec<usize> =
        first.sites.iter().filter(|s| s.outcome == Outcome::Rewritten).map(|s| s.line).collect();
    // Every site keeps its line in the file on disk, whichever pass rewrote it.
    assert_eq!(rewritten, vec![9, 11, 13, 15], "{:#?}", first.sites);
    assert_eq!(first.changes[0].new_text.matches("new SemaphoreSlim(10)").count(), 4);
    support::apply(&first);
    let second = run(dir.path());
    assert!(second.changes.is_empty(), "a second run changes:\n{}", support::all_diffs(&second));
}

#[test]
fn nesting_deeper_than_one_run_reaches_is_reported_with_its_position_and_finished_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let text = nested(5);
    std::fs::write(dir.path().join("Deep.cs"), &text).unwrap();
    let first = run(dir.path());
    let reported: Vec<_> = first.sites.iter().filter(|s| s.outcome == Outcome::Reported).collect();
    assert_eq!(reported.len(), 1, "{:#?}", first.sites);
    let innermost = text.find("Task.WhenAll(x4").unwrap();
    assert_eq!(reported[0].range.start, innermost);
    assert_eq!(reported[0].line, 17);
    assert!(reported[0].reason.contains("rewrite on line 9"), "{}", reported[0].reason);
    assert!(reported[0].reason.contains("run asyncmod again"), "{}", reported[0].reason);
    support::apply(&first);
    let second = run(dir.path());
    assert_eq!(second.sites.iter().filter(|s| s.outcome == Outcome::Rewritten).count(), 1, "{:#?}", second.sites);
    support::apply(&second);
    assert!(run(dir.path()).changes.is_empty());
}
