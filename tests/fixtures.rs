//! Runs every fixture case of every transform (`transforms/<id>/cases/`)
//! through the engine and checks, beyond the snapshot: no errors, output
//! that reparses, idempotence, the same bytes whatever the thread count, a
//! lazy run equal to one that parses everything, and the case's intent
//! (`rewrite` changes something; `left-alone` changes nothing and says why).
//!
//! Each case is a test of its own, named `<transform>/<case>`: `cargo test --test fixtures -- sync-over-async/`
//! runs one transform's cases, `cargo test --test fixtures -- --exact async-void/handler` one case.

mod support;

use asyncmod::engine::RunOptions;
use asyncmod::model::Outcome;
use asyncmod::syntax;
use libtest_mimic::{Arguments, Failed, Trial};
use support::*;

fn main() {
    let args = Arguments::from_args();
    let cases = all_cases();
    assert!(!cases.is_empty(), "no fixture cases found");
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|case| Trial::test(format!("{}/{}", case.transform, case.name), move || check_case(&case)))
        .collect();
    trials.push(Trial::test("every_transform_has_docs_and_cases", every_transform_has_docs_and_cases));
    libtest_mimic::run(&args, trials).exit();
}

/// Every check of one case; all failures are listed, not only the first.
fn check_case(case: &Case) -> Result<(), Failed> {
    let root = repo_root();
    let mut failures: Vec<String> = Vec::new();
    {
        let rel = case.path.strip_prefix(&root).unwrap().to_path_buf();
        let result = run_on(&rel, &options_for(case, 1, false));
        let label = format!("{}/{}", case.transform, case.name);

        // The snapshot: what a reviewer reads.
        insta::with_settings!({
            snapshot_path => root.join("snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("{} case {}", case.transform, rel.display()),
        }, {
            insta::assert_snapshot!(format!("{}__{}", case.transform, case.name), describe(&result, &root));
        });

        let mut fail = |msg: String| failures.push(format!("{label}: {msg}"));
        if !result.errors.is_empty() {
            fail(format!("errors: {:?}", result.errors));
        }
        for site in &result.sites {
            if site.reason.trim().is_empty() {
                fail(format!("site without a reason at {}:{}", site.path, site.line));
            }
        }
        // Intent.
        if case.header.expect_rewrite {
            if result.changes.is_empty() {
                fail("marked `case: rewrite` but nothing changed".into());
            }
        } else {
            if !result.changes.is_empty() {
                fail("marked `case: left-alone` but files changed (noisy)".into());
            }
            if result.sites.is_empty() {
                fail("marked `case: left-alone` but no site was reported or left alone with a reason".into());
            }
        }
        // Output reparses with no new errors.
        for change in &result.changes {
            let before = syntax::error_count(&syntax::parse(change.source.text()));
            let after = syntax::error_count(&syntax::parse(&change.new_text));
            if after > before {
                fail(format!("{} gains parse errors ({before} → {after})", change.source.display));
            }
            // Comments are kept: every comment line of the input is still there.
            for line in change.source.text().lines().filter(|l| l.trim_start().starts_with("//")) {
                if !change.new_text.contains(line.trim()) {
                    fail(format!("{} lost the comment {:?}", change.source.display, line.trim()));
                }
            }
        }
        // Determinism and lazy == eager.
        let diffs = all_diffs(&result);
        // At -j4, every remaining file is parsed after the prefilter's, before any plan (`RunOptions::full_parse_share`).
        let parallel = run_on(&rel, &RunOptions { full_parse_share: Some(0.0), ..options_for(case, 4, false) });
        if all_diffs(&parallel) != diffs || parallel.sites != result.sites {
            fail("output differs between -j1 with lazy rounds and -j4 with a full parse at the first round".into());
        }
        let eager = run_on(&rel, &options_for(case, 2, true));
        if all_diffs(&eager) != diffs || eager.sites != result.sites {
            fail("a run that parses every file differs from the lazy run".into());
        }
        // Idempotence: apply, run again, nothing changes.
        let (_tmp, copy) = copy_case(&case.path);
        let first = run_on(&copy, &options_for(case, 2, false));
        apply(&first);
        let second = run_on(&copy, &options_for(case, 2, false));
        if !second.changes.is_empty() {
            fail(format!("not idempotent: a second run changes\n{}", all_diffs(&second)));
        }
        if second.sites.iter().any(|s| s.outcome == Outcome::Rewritten) {
            fail("not idempotent: a second run still finds sites to rewrite".into());
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

fn every_transform_has_docs_and_cases() -> Result<(), Failed> {
    let root = repo_root();
    for info in asyncmod::transforms::REGISTRY {
        let readme = info.readme;
        for section in [
            "## Finds",
            "## Why",
            "## Before",
            "## After",
            "## Left alone",
            "## Blockers",
            "## Rewrite safety",
            "## Options",
        ] {
            if !readme.contains(section) {
                return Err(format!("{}: README lacks section {section}", info.id).into());
            }
        }
        let cases = root.join("transforms").join(info.id.as_str()).join("cases");
        let n = std::fs::read_dir(&cases).map(|rd| rd.count()).unwrap_or(0);
        if n < 15 {
            return Err(format!("{}: only {n} fixture cases", info.id).into());
        }
    }
    Ok(())
}
