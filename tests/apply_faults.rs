//! `asyncmod apply` under faults, through the real binary: killed at random moments, files changed behind its
//! back, read-only files and folders. Every file must end fully old or fully new, and only rewritten sources may
//! change.

mod support;

use std::path::Path;

use asyncmod::engine::RunOptions;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_asyncmod");

/// `n` files, each with its own blocking wait and caller, so every one of them is rewritten.
fn many_files(dir: &Path, n: usize) {
    let prefix = dir.file_name().unwrap().to_string_lossy().replace(|c: char| !c.is_ascii_alphanumeric(), "");
    for i in 0..n {
        let text = format!(
            "using System.Threading.Tasks;\r\n\r\nclass {prefix}C{i}\r\n{{\r\n    int Get(Task<int> t)\r\n    {{\r\n        return t.Result;\r\n    }}\r\n\r\n    int Use(Task<int> t) => Get(t) + {i};\r\n}}\r\n"
        );
        std::fs::write(dir.join(format!("C{i}.cs")), text).unwrap();
    }
}

fn asyncmod(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(BIN).args(args).current_dir(dir).output().unwrap()
}

/// xorshift: reproducible delays from the printed seed.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn killed_at_random_moments_every_file_is_old_or_new() {
    let template = tempfile::tempdir().unwrap();
    many_files(template.path(), 150);
    let old = support::snapshot(template.path());
    // What a complete run writes.
    let done = tempfile::tempdir().unwrap();
    support::copy_recursive(template.path(), done.path());
    let out = asyncmod(&["apply", "-q", "."], done.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let new = support::snapshot(done.path());
    assert!(old.keys().all(|k| old[k] != new[k]), "every file is rewritten by a complete run");
    let full = {
        let start = Instant::now();
        let copy = tempfile::tempdir().unwrap();
        support::copy_recursive(template.path(), copy.path());
        asyncmod(&["apply", "-q", "."], copy.path());
        start.elapsed()
    };
    let rounds: u64 = std::env::var("ASYNCMOD_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let (mut partial, mut untouched) = (0, 0);
    for round in 0..rounds {
        let delay = Duration::from_micros(next(&mut seed) % (full.as_micros() as u64 * 11 / 10 + 1));
        let copy = tempfile::tempdir().unwrap();
        support::copy_recursive(template.path(), copy.path());
        let mut child = Command::new(BIN)
            .args(["apply", "-q", "."])
            .current_dir(copy.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let after = support::snapshot(copy.path());
        let mut written = 0;
        for (path, bytes) in &after {
            if let Some(original) = old.get(path) {
                assert!(
                    bytes == original || bytes == &new[path],
                    "round {round} (killed after {delay:?}): {} is neither the old nor the new text",
                    path.display()
                );
                written += usize::from(bytes != original);
            } else {
                // Only a temporary file of the write in progress may be left behind, never a source.
                let name = path.file_name().unwrap().to_string_lossy();
                assert!(name.starts_with('.') && name.ends_with(".tmp"), "round {round}: stray file {name}");
            }
        }
        assert!(old.keys().all(|k| after.contains_key(k)), "round {round}: a file disappeared");
        if written == 0 {
            untouched += 1;
        } else if written < old.len() {
            partial += 1;
        }
    }
    eprintln!("{rounds} kills over a {full:?} run: {partial} mid-write, {untouched} before any write");
}

#[test]
fn file_changed_on_disk_after_reading_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 2);
    let result =
        support::run_on(dir.path(), &support::pipeline::options(&[asyncmod::transforms::sync_over_async::ID], 1));
    assert_eq!(result.changes.len(), 2);
    let edited = b"// edited by someone else meanwhile\r\n".to_vec();
    std::fs::write(&result.changes[0].source.path, &edited).unwrap();
    let err = asyncmod::apply::write_change(&result.changes[0]).unwrap_err();
    assert!(err.message.contains("changed on disk"), "{}", err.message);
    assert_eq!(std::fs::read(&result.changes[0].source.path).unwrap(), edited);
    asyncmod::apply::write_change(&result.changes[1]).unwrap();
}

/// A file without a site is read again when a question about a name reaches it, or (parsed with the others) has
/// its text put aside after parsing and read again when planning needs it. If it changed on disk meanwhile, the
/// facts no longer describe it: it is reported and known by the names it holds, so the method its caller there
/// would need changed stays as it is, and nothing half-done is written.
#[test]
fn a_caller_changed_on_disk_between_reading_and_planning_is_left_with_what_needs_it() {
    for parse_all in [false, true] {
        caller_changed_on_disk(parse_all);
    }
}

fn caller_changed_on_disk(parse_all: bool) {
    let dir = tempfile::tempdir().unwrap();
    let site = "using System.Threading.Tasks;\n\nclass Repo\n{\n    public int Load(Task<int> t)\n    {\n        return t.Result;\n    }\n}\n";
    let caller = "class Shop\n{\n    int Total(Repo r) => r.Load(null) + 1;\n}\n";
    std::fs::write(dir.path().join("Repo.cs"), site).unwrap();
    std::fs::write(dir.path().join("Shop.cs"), caller).unwrap();
    let enabled = [asyncmod::transforms::sync_over_async::ID];

    let options = || support::pipeline::options_with(&enabled, 1, false);
    let calm = support::run_on(dir.path(), &RunOptions { parse_all, ..options() });
    let changed: Vec<&str> = calm.changes.iter().map(|c| c.source.display.as_str()).collect();
    assert!(changed.iter().any(|d| d.ends_with("Shop.cs")), "the caller is updated on a calm run: {changed:?}");
    // Every kept file's text is put aside after parsing, the site's too.
    assert_eq!(calm.stats.texts_aside.0, 2);

    let shop = dir.path().join("Shop.cs");
    let meanwhile = caller.replace("+ 1", "+ 2");
    let mut options = RunOptions { parse_all, ..options() };
    let (path, text) = (shop.clone(), meanwhile.clone());
    options.after_reading =
        Some(asyncmod::engine::AfterReading(std::sync::Arc::new(move || std::fs::write(&path, &text).unwrap())));
    let result = support::run_on(dir.path(), &options);
    let errors: Vec<String> = result.errors.iter().map(|e| format!("{}: {}", e.path, e.message)).collect();
    assert!(errors.iter().any(|e| e.contains("Shop.cs") && e.contains("changed on disk during the run")), "{errors:?}");
    let diffs: String = result.changes.iter().map(asyncmod::report::diff::unified).collect();
    assert!(
        result.changes.is_empty(),
        "Load keeps its caller in Shop.cs: nothing is changed\n{diffs}\n{errors:?}\n{:?}",
        result.sites
    );
    let load = result.sites.iter().find(|s| s.path.ends_with("Repo.cs")).expect("the blocking wait is reported");
    assert_ne!(load.outcome, asyncmod::model::Outcome::Rewritten);
    assert_eq!(std::fs::read_to_string(&shop).unwrap(), meanwhile);
}

/// The file that holds the site has its text put aside too: changed on disk before planning reads it again, it
/// is reported and nothing is rewritten from facts that describe another text.
#[test]
fn a_site_changed_on_disk_between_reading_and_planning_is_not_rewritten() {
    for parse_all in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let site = "using System.Threading.Tasks;\n\nclass Repo\n{\n    public int Load(Task<int> t)\n    {\n        return t.Result;\n    }\n}\n";
        let caller = "class Shop\n{\n    int Total(Repo r) => r.Load(null) + 1;\n}\n";
        let repo = dir.path().join("Repo.cs");
        std::fs::write(&repo, site).unwrap();
        std::fs::write(dir.path().join("Shop.cs"), caller).unwrap();
        let enabled = [asyncmod::transforms::sync_over_async::ID];
        let meanwhile = site.replace("return t.Result;", "return t.Result; // checked");
        let mut options = RunOptions { parse_all, ..support::pipeline::options_with(&enabled, 1, false) };
        let (path, text) = (repo.clone(), meanwhile.clone());
        options.after_reading =
            Some(asyncmod::engine::AfterReading(std::sync::Arc::new(move || std::fs::write(&path, &text).unwrap())));
        let result = support::run_on(dir.path(), &options);
        let errors: Vec<String> = result.errors.iter().map(|e| format!("{}: {}", e.path, e.message)).collect();
        assert!(
            errors.iter().any(|e| e.contains("Repo.cs") && e.contains("changed on disk during the run")),
            "{errors:?}"
        );
        let diffs: String = result.changes.iter().map(asyncmod::report::diff::unified).collect();
        assert!(result.changes.is_empty(), "nothing is rewritten\n{diffs}\n{errors:?}");
        assert_eq!(std::fs::read_to_string(&repo).unwrap(), meanwhile);
    }
}

/// Known read-only when the run starts, a file or folder is untouchable at planning: its sites are reported and
/// everything else is written.
#[cfg(unix)]
#[test]
fn read_only_file_and_folder_are_reported_and_the_rest_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for sub in ["locked", "open"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        many_files(&dir.path().join(sub), 2);
    }
    std::fs::set_permissions(dir.path().join("open/C0.cs"), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path().join("open/C1.cs"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = support::snapshot(dir.path());
    let out = asyncmod(&["apply", "."], dir.path());
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("open/C0.cs:7:16: sync-over-async:"), "{stderr}");
    assert!(stderr.contains("not touched: the file is read-only on disk"), "{stderr}");
    assert!(stderr.contains("not touched: the file lies in a folder that is read-only on disk"), "{stderr}");
    let after = support::snapshot(dir.path());
    for unchanged in ["open/C0.cs", "locked/C0.cs", "locked/C1.cs"] {
        assert_eq!(after[Path::new(unchanged)], before[Path::new(unchanged)], "{unchanged}");
    }
    assert_ne!(after[Path::new("open/C1.cs")], before[Path::new("open/C1.cs")], "the writable file is written");
    let mode = std::fs::metadata(dir.path().join("open/C1.cs")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640, "permissions are kept");
    assert_eq!(after.len(), before.len(), "no other file appears");
}

/// Made read-only after planning, one target among several: checked before any write, so none is written.
#[cfg(unix)]
#[test]
fn a_target_made_read_only_after_planning_stops_every_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 3);
    let result =
        support::run_on(dir.path(), &support::pipeline::options(&[asyncmod::transforms::sync_over_async::ID], 1));
    assert_eq!(result.changes.len(), 3);
    let before = support::snapshot(dir.path());
    std::fs::set_permissions(dir.path().join("C1.cs"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let errors = asyncmod::apply::write_all(&result.changes).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("C1.cs"), "{errors:?}");
    assert!(errors[0].message.contains("read-only") && errors[0].message.contains("No file was written"));
    assert_eq!(support::snapshot(dir.path()), before, "nothing written, nothing left behind");
}

/// A write that fails after others replaced their files (a full disk, a folder locked meanwhile): those files
/// get their original bytes and permissions back, and the error names the file that failed.
#[cfg(unix)]
#[test]
fn a_write_failing_midway_puts_back_the_files_already_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    many_files(dir.path(), 3);
    std::fs::set_permissions(dir.path().join("C0.cs"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let result =
        support::run_on(dir.path(), &support::pipeline::options(&[asyncmod::transforms::sync_over_async::ID], 1));
    assert_eq!(result.changes.len(), 3);
    let before = support::snapshot(dir.path());
    // Tests may run as root, whom no permission stops: the third write fails by hand, after two real ones.
    let mut writes = 0;
    let errors = asyncmod::apply::write_all_with(&result.changes, |path, bytes, permissions| {
        writes += 1;
        if writes == 3 {
            return Err(std::io::Error::other("no space left on device"));
        }
        let written = asyncmod::apply::write_atomically(path, bytes, permissions);
        assert_ne!(std::fs::read(path).unwrap(), before[path.strip_prefix(dir.path()).unwrap()], "replaced");
        written
    })
    .unwrap_err();
    assert_eq!(writes, 3);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("C2.cs"), "{errors:?}");
    assert!(errors[0].message.contains("no space left on device"), "{}", errors[0].message);
    assert!(errors[0].message.contains("No file was changed"), "{}", errors[0].message);
    assert_eq!(support::snapshot(dir.path()), before, "every file byte-identical, no temporary file left");
    let mode = std::fs::metadata(dir.path().join("C0.cs")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640, "permissions are kept");
}

#[test]
fn line_endings_and_bom_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    // CRLF with a BOM, and a file mixing LF and CRLF lines.
    let crlf = "\u{feff}using System.Threading.Tasks;\r\nclass A\r\n{\r\n    int Get(Task<int> t)\r\n    {\r\n        return t.Result;\r\n    }\r\n}\r\n";
    let mixed = "using System.Threading.Tasks;\nclass B\r\n{\n    int Get(Task<int> t)\r\n    {\n        return t.Result;\r\n    }\n}\n";
    std::fs::write(dir.path().join("A.cs"), crlf).unwrap();
    std::fs::write(dir.path().join("B.cs"), mixed).unwrap();
    let out = asyncmod(&["apply", "-q", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let a = std::fs::read_to_string(dir.path().join("A.cs")).unwrap();
    assert!(a.starts_with('\u{feff}'));
    assert_eq!(a.matches("\r\n").count(), crlf.matches("\r\n").count());
    assert_eq!(a.matches('\n').count(), crlf.matches('\n').count(), "no bare LF added");
    let b = std::fs::read_to_string(dir.path().join("B.cs")).unwrap();
    let endings = |s: &str| s.split_inclusive('\n').map(|l| l.ends_with("\r\n")).collect::<Vec<_>>();
    assert_eq!(endings(&b), endings(mixed), "each line keeps its own ending:\n{b}");
    assert!(b.contains("return await t;\r\n"));
}
