//! `apply -i` and `diff -i` in a real terminal: each test runs asyncmod under `script`, which gives it a
//! pseudo-terminal for stdin and stderr, and types the answers into it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `shell_command` under a pseudo-terminal in `cwd`, typing `answers`; `None` without `script`.
fn in_terminal(shell_command: &str, answers: &str, cwd: &Path) -> Option<Output> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed, so no pseudo-terminal test runs");
        return None;
    }
    let mut child = Command::new("script")
        .args(["-qec", shell_command, "/dev/null"])
        .current_dir(cwd)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    Some(child.wait_with_output().unwrap())
}

fn bin() -> String {
    env!("CARGO_BIN_EXE_asyncmod").to_string()
}

/// A copy of the example solution in a temporary folder.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    copy(&from, dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap()
}

#[test]
fn apply_i_writes_the_accepted_sets_and_plans_the_rejected_away() {
    let dir = example();
    // Without cancellation-token, whose threading joins most of the example into one set.
    let command = format!("{} apply -i --color never --skip cancellation-token ShopSolution.sln", bin());
    // Reject the first set (async void SendConfirmationAsync), accept the second, ask for help, then quit.
    let Some(o) = in_terminal(&command, "n\ny\n?\nq\n", dir.path()) else { return };
    let screen = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(o.status.success(), "{screen}");
    assert!(screen.contains("change set 1 of 7"), "{screen}");
    assert!(screen.contains("Shop.Core/EmailNotifier.cs:35:15: async-void ASYNC010: async void SendConfirmationAsync"));
    assert!(screen.contains("fix (safe): returns Task; callers await it"), "{screen}");
    assert!(screen.contains("Apply this change set [y,n,a,q,?]? "), "{screen}");
    assert!(screen.contains("a - apply this one and all the remaining ones"), "the help: {screen}");
    // The files written are listed.
    assert!(screen.contains("Shop.Core/EmailNotifier.cs\nShop.Web/Controllers/OrdersController.cs\n"), "{screen}");
    // Rejected: async void stays, and so do its callers.
    let notifier = read(dir.path(), "Shop.Core/EmailNotifier.cs");
    assert!(notifier.contains("public async void SendConfirmationAsync"), "{notifier}");
    // Accepted: NotifyAll's .Wait() and the controller action that calls it, together.
    assert!(notifier.contains("public async Task NotifyAll"), "{notifier}");
    let controller = read(dir.path(), "Shop.Web/Controllers/OrdersController.cs");
    assert!(controller.contains("await _notifier.NotifyAll(pending);"), "{controller}");
    assert!(!controller.contains("await _notifier.SendConfirmationAsync"), "{controller}");
    // Quit: nothing else changed.
    assert!(read(dir.path(), "Shop.Core/OrderRepository.cs").contains(".GetAwaiter().GetResult()"));
    // What was written is consistent: the next run finds the rejected and the unanswered sets again, and
    // nothing that half-applies.
    let again = Command::new(bin())
        .args(["check", "--skip", "cancellation-token", "ShopSolution.sln"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&again.stdout);
    assert!(out.contains("EmailNotifier.cs:35:15: async-void ASYNC010"), "{out}");
    assert!(!out.contains("NotifyAll"), "{out}");
}

#[test]
fn diff_i_prints_the_accepted_patch_and_colors_the_review() {
    let dir = example();
    // `a` on the first question accepts everything: the patch is the plain diff's.
    let command = format!("{} diff -i ShopSolution.sln > accepted.patch", bin());
    let Some(o) = in_terminal(&command, "a\n", dir.path()) else { return };
    let screen = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{screen}");
    assert!(screen.contains("\x1b[32m+"), "the review is colored on a terminal: {screen}");
    let plain = Command::new(bin()).args(["diff", "ShopSolution.sln"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(read(dir.path(), "accepted.patch"), String::from_utf8_lossy(&plain.stdout));
    // A dry run: nothing written.
    assert!(read(dir.path(), "Shop.Core/OrderRepository.cs").contains(".GetAwaiter().GetResult()"));

    // Rejecting every set gives an empty patch, and the sites say why.
    let command = format!("{} diff -i --color never ShopSolution.sln > none.patch", bin());
    let Some(o) = in_terminal(&command, &"n\n".repeat(20), dir.path()) else { return };
    let screen = String::from_utf8_lossy(&o.stdout);
    assert_eq!(read(dir.path(), "none.patch"), "", "{screen}");
    assert!(screen.contains("suppressed"), "{screen}");
}

#[test]
fn end_of_input_quits_without_writing() {
    let dir = example();
    let command = format!("{} apply -i --color never ShopSolution.sln", bin());
    let Some(o) = in_terminal(&command, "", dir.path()) else { return };
    assert!(o.status.success());
    assert!(read(dir.path(), "Shop.Core/OrderRepository.cs").contains(".GetAwaiter().GetResult()"));
    assert!(read(dir.path(), "Shop.Core/EmailNotifier.cs").contains("async void SendConfirmationAsync"));
}

/// A lock object that becomes a semaphore is one set with every member that takes the lock (the field's type
/// changes for all of them), and what a pass over the rewritten code does is a set of its own, asked after the
/// first pass's: rejecting it keeps the boundary the first pass left.
#[test]
fn a_field_joins_its_members_and_a_later_pass_is_its_own_set() {
    let dir = tempfile::tempdir().unwrap();
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("transforms/async-alternative/cases/lock-after-boundary.cs");
    std::fs::copy(&case, dir.path().join("Stock.cs")).unwrap();
    let command = format!("{} apply -i --color never --preview --unsafe-fixes --allow-boundaries Stock.cs", bin());
    let Some(o) = in_terminal(&command, "y\nn\n", dir.path()) else { return };
    let screen = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(o.status.success(), "{screen}");
    assert!(screen.contains("change set 2 of 2"), "{screen}");
    let stock = read(dir.path(), "Stock.cs");
    assert!(stock.contains("public async Task<int> Count() => await FetchCountAsync();"), "{stock}");
    assert!(stock.contains("            lock (_gate)"), "{stock}");
    assert!(stock.contains("return Count().GetAwaiter().GetResult();"), "{stock}");

    // Accepted, the later set makes the lock a semaphore: the field and every lock statement change together.
    std::fs::copy(&case, dir.path().join("Stock.cs")).unwrap();
    let Some(o) = in_terminal(&command, "y\ny\n", dir.path()) else { return };
    let screen = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    let second = &screen[screen.find("change set 2 of 2").unwrap_or_else(|| panic!("{screen}"))..];
    assert!(second.contains("+        private readonly SemaphoreSlim _gate"), "{second}");
    assert!(second.contains("+            await _gate.WaitAsync();"), "{second}");
    let stock = read(dir.path(), "Stock.cs");
    assert!(!stock.contains("            lock (_gate)") && stock.contains("SemaphoreSlim _gate"), "{stock}");
}
