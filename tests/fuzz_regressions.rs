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
