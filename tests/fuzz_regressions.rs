//! Every input that once broke an invariant (found by the fuzzer, the property tests or the sweep) stays here as a
//! regression test: `tests/fuzz-regressions/<name>` holds the raw fuzz input (files separated by a 0xFF byte).

mod support;

#[test]
fn every_fuzz_regression_keeps_the_invariants() {
    let dir = support::repo_root().join("tests/fuzz-regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let mut failures = Vec::new();
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        let files = support::pipeline::files_from_bytes(&bytes);
        let outcome = std::panic::catch_unwind(|| support::pipeline::check(&files, true));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(violation)) => failures.push(format!("{}: {violation}", input.display())),
            Err(_) => failures.push(format!("{}: panicked", input.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fixture harness runs each case with its own transform; here every case runs with all transforms together,
/// which must converge in one run as well: the fuzzer's seeds are these cases, and one that breaks an invariant is
/// skipped by it, not reported. Each runs with its project files, and as loose C# files (as the property tests'
/// seeds are): without a project, the newest framework and language are assumed, which opens other rewrites
/// (an `async Main`, TextReader's token overloads).
#[test]
fn every_fixture_case_converges_with_all_transforms_together() {
    let all = support::pipeline::transform_sets().pop().unwrap();
    let mut failures = Vec::new();
    for case in support::all_cases() {
        let files: Vec<(String, Vec<u8>)> = if case.path.is_dir() {
            support::snapshot(&case.path)
                .into_iter()
                .map(|(p, bytes)| (p.to_string_lossy().into_owned(), bytes))
                .collect()
        } else {
            vec![(case.name.clone() + ".cs", std::fs::read(&case.path).unwrap())]
        };
        let loose: Vec<(String, Vec<u8>)> = files.iter().filter(|(p, _)| p.ends_with(".cs")).cloned().collect();
        for (how, files) in [("", &files), (" (loose files)", &loose)] {
            for allow_boundaries in [false, true] {
                if let Err(violation) = support::pipeline::check_set(files, &all, false, allow_boundaries) {
                    failures.push(format!("{}{how}: {violation}", case.path.display()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
