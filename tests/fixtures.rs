//! Runs every fixture case of every transform (`transforms/<id>/cases/`)
//! through the engine and checks, beyond the snapshot: no errors, output
//! that reparses, idempotence, the same bytes whatever the thread count, a
//! lazy run equal to one that parses everything, and the case's intent
//! (`rewrite` changes something; `left-alone` changes nothing and says why).

mod support;

use asyncmod::model::Outcome;
use asyncmod::syntax;
use support::*;

#[test]
fn every_fixture_case() {
    let root = repo_root();
    let cases = all_cases();
    assert!(!cases.is_empty(), "no fixture cases found");
    let mut failures = Vec::new();
    for case in &cases {
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
            let before = syntax::error_count(&syntax::parse(&change.source.text));
            let after = syntax::error_count(&syntax::parse(&change.new_text));
            if after > before {
                fail(format!("{} gains parse errors ({before} → {after})", change.source.display));
            }
            // Comments are kept: every comment line of the input is still there.
            for line in change.source.text.lines().filter(|l| l.trim_start().starts_with("//")) {
                if !change.new_text.contains(line.trim()) {
                    fail(format!("{} lost the comment {:?}", change.source.display, line.trim()));
                }
            }
        }
        // Determinism and lazy == eager.
        let diffs = all_diffs(&result);
        let parallel = run_on(&rel, &options_for(case, 4, false));
        if all_diffs(&parallel) != diffs || parallel.sites != result.sites {
            fail("output differs between -j1 and -j4".into());
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
    assert!(failures.is_empty(), "{} fixture failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_transform_has_docs_and_cases() {
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
            assert!(readme.contains(section), "{}: README lacks section {section}", info.id);
        }
        let cases = root.join("transforms").join(info.id.as_str()).join("cases");
        let n = std::fs::read_dir(&cases).map(|rd| rd.count()).unwrap_or(0);
        assert!(n >= 15, "{}: only {n} fixture cases", info.id);
    }
}
