//! The transforms and their registry. Each transform declares itself in its own module (`TRANSFORM`: id,
//! summary, status, documentation, trigger words, detection and planning); the registry lists them, and
//! `plan` is the schedule that runs their planning in a fixed order. Adding a transform takes one module, one
//! registry line, one schedule line and its `transforms/<id>/` folder.

pub mod async_alternative;
pub mod async_lambda_void;
pub mod async_void;
pub mod bounded_fanout;
pub mod cancellation_token;
pub mod configure_await;
pub mod fire_and_forget;
pub mod intent;
pub mod sync_over_async;
pub mod task_run_async;

use std::any::Any;
use std::fmt;

use serde::Serialize;

use crate::index::{FileFacts, FileId, Span};
use crate::model::TransformId;
use crate::plan::Planner;
use crate::source::SourceFile;
use crate::workspace::ProjectSettings;

/// Every transform, in the order of their ids (`TransformId::new(order, ..)`).
pub const REGISTRY: &[&Transform] = &[
    &sync_over_async::TRANSFORM,
    &async_void::TRANSFORM,
    &bounded_fanout::TRANSFORM,
    &cancellation_token::TRANSFORM,
    &async_alternative::TRANSFORM,
    &configure_await::TRANSFORM,
    &task_run_async::TRANSFORM,
    &fire_and_forget::TRANSFORM,
    &async_lambda_void::TRANSFORM,
];

/// Plans every detection. The order is fixed, so results never depend on timing; each step sees what the
/// steps before it planned.
pub fn plan(detections: &[Detected], enabled: &[TransformId], planner: &mut Planner) {
    // First: where configure-await configures a file's awaits, the awaits every transform writes there match.
    if enabled.contains(&configure_await::ID) {
        planner.set_await_policy(configure_await::await_policy);
    }
    // A lock around a blocking wait that becomes a semaphore: sync-over-async then leaves the waits it awaits.
    async_alternative::plan_locks(detections, planner);
    step(&sync_over_async::TRANSFORM, detections, planner);
    // Settle first, so async-void's all-or-nothing check sees only its own boundaries.
    planner.settle();
    step(&async_void::TRANSFORM, detections, planner);
    step(&bounded_fanout::TRANSFORM, detections, planner);
    // Before the steps that look at what became async: a `ForEach` loop it awaits may make its method async.
    step(&async_lambda_void::TRANSFORM, detections, planner);
    planner.settle();
    // Which methods become async is known now: a `Thread.Sleep` in one is a site like any in async code.
    sync_over_async::plan_sleeps_in_methods_made_async(&sites_of(detections, sync_over_async::ID), planner);
    // After sync-over-async, whose call fixes it leaves alone, and before tokens, which it writes deferred.
    step(&async_alternative::TRANSFORM, detections, planner);
    // Task.Run unwrapped where sync-over-async's awaits are known, before tokens go into calls.
    step(&task_run_async::TRANSFORM, detections, planner);
    // A task dropped in a method made async is a site too: fire-and-forget awaits only in functions that are
    // async by now, and makes nothing async.
    step(&fire_and_forget::TRANSFORM, detections, planner);
    // Tokens go into calls and signatures as the other transforms left them.
    planner.settle();
    step(&cancellation_token::TRANSFORM, detections, planner);
    // Last: awaits already in the source are configured where no other rewrite restructures them.
    step(&configure_await::TRANSFORM, detections, planner);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Stable,
    Preview,
}

/// A transform, as its module declares it.
pub struct Transform {
    pub id: TransformId,
    pub summary: &'static str,
    pub status: Status,
    /// The transform's documentation (`transforms/<id>/README.md`), embedded so it cannot drift.
    pub readme: &'static str,
    /// Byte-level prefilter: a file matching none of these patterns cannot hold a site of the transform, so it is
    /// not parsed for it. Regular expressions over bytes (Unicode off: `\b` and `\s` are ASCII); each must match
    /// wherever `detect` can find a site (`tests/lazy_equals_eager.rs` and the fixture harness check that a run
    /// that parses every file finds the same). Whole words where possible: `Result` as a substring would pick
    /// every `IActionResult`, and `async` every file with an async method.
    pub triggers: &'static [&'static str],
    /// Finds the transform's sites in one parsed file (in parallel with other files).
    pub detect: fn(&FileInput) -> Vec<Detection>,
    /// Plans the sites `detect` found, all files together.
    pub plan: fn(&[Detected], &mut Planner),
}

pub fn info(id: TransformId) -> &'static Transform {
    REGISTRY.iter().find(|t| t.id == id).expect("every TransformId has a registry row")
}

/// The ids of every transform, in registry order.
pub fn all_ids() -> Vec<TransformId> {
    REGISTRY.iter().map(|t| t.id).collect()
}

/// The transform a user named (`--only`, `explain`).
pub fn parse_id(name: &str) -> Result<TransformId, String> {
    REGISTRY.iter().find(|t| t.id.as_str() == name).map(|t| t.id).ok_or_else(|| {
        let known: Vec<&str> = REGISTRY.iter().map(|t| t.id.as_str()).collect();
        format!("unknown transform '{name}' (known: {})", known.join(", "))
    })
}

/// What a transform sees of one parsed file.
pub struct FileInput<'a> {
    pub id: FileId,
    pub tree: &'a tree_sitter::Tree,
    pub source: &'a SourceFile,
    pub facts: &'a FileFacts,
    pub settings: &'a ProjectSettings,
}

/// A site found in one file, kept (without the tree) until planning. Its payload is the detecting transform's
/// own site type; only that transform reads it (`sites_of`).
pub struct Detection {
    pub transform: TransformId,
    site: Box<dyn Any + Send + Sync>,
    /// Where the site is (what its report points at; the first, for a site reported in several places): its key
    /// for the engine, which drops a suppressed detection before planning again.
    pub anchor: Span,
    /// Whether its reports point anywhere (then first at the anchor).
    reported: bool,
    /// Where its reports point after the anchor (the other `lock`s of a lock group). Most sites have none: every
    /// detection is kept until the run ends, and a vector for the single place each would double its size.
    more_reports: Option<Box<[Span]>>,
}

impl Detection {
    /// Every place its reports point at: a suppression on any of them keeps it from being planned.
    pub fn reports_at(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let first = self.reported.then_some(self.anchor);
        first.into_iter().chain(self.more_reports.iter().flat_map(|m| m.iter().copied())).map(Span::range)
    }
}

impl fmt::Debug for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detection").field("transform", &self.transform).finish_non_exhaustive()
    }
}

/// A detection in the file it was found in, as planning sees it: borrowed from the parsed file that keeps it, so
/// each round's planning does not copy every detection of the workspace.
pub type Detected<'a> = (FileId, &'a Detection);

/// Wraps a transform's sites for the engine, which keeps them without knowing their type.
pub fn detections<S: Any + Send + Sync>(transform: TransformId, sites: Vec<S>) -> Vec<Detection> {
    sites
        .into_iter()
        .map(|s| Detection {
            transform,
            site: Box::new(s),
            anchor: Span::default(),
            reported: false,
            more_reports: None,
        })
        .collect()
}

/// The sites of one transform among all detections, as its own type.
pub fn sites_of<'a, S: Any>(detections: &[Detected<'a>], transform: TransformId) -> Vec<(FileId, &'a S)> {
    detections
        .iter()
        .filter(|(_, d)| d.transform == transform)
        .map(|(f, d)| (*f, d.site.downcast_ref::<S>().expect("a transform's detections hold its own site type")))
        .collect()
}

/// Runs the per-file detection of the enabled transforms.
pub fn detect(input: &FileInput, enabled: &[TransformId]) -> Vec<Detection> {
    let mut found: Vec<Detection> =
        REGISTRY.iter().filter(|t| enabled.contains(&t.id)).flat_map(|t| (t.detect)(input)).collect();
    for d in &mut found {
        let places = reports_at(d, input.facts);
        d.reported = !places.is_empty();
        d.anchor = places.first().map_or(Span::default(), Span::from);
        if places.len() > 1 {
            d.more_reports = Some(places[1..].iter().map(Span::from).collect());
        }
    }
    // Kept until the run ends: without the spare room collecting from several transforms leaves.
    found.shrink_to_fit();
    found
}

/// Where a detection's site is, as its reports give it: the blocking expression, the `void` of an async void
/// method, the fan-out call, the declaration of a function where tokens start, the call with an async
/// alternative, the `using`, each `lock` of a lock object. A transform's new site type needs its line here, or
/// suppressions cannot keep it from being planned (`tests/adoption.rs` suppresses every fixture case).
fn reports_at(d: &Detection, facts: &FileFacts) -> Vec<std::ops::Range<usize>> {
    let site = d.site.as_ref();
    if let Some(s) = site.downcast_ref::<sync_over_async::SyncWait>() {
        return vec![s.range.clone()];
    }
    if let Some(s) = site.downcast_ref::<async_void::AsyncVoidMethod>() {
        return vec![s.range.clone()];
    }
    if let Some(s) = site.downcast_ref::<bounded_fanout::Fanout>() {
        return vec![s.anchor.clone()];
    }
    if let Some(s) = site.downcast_ref::<cancellation_token::TokenRoot>() {
        // `function` is a delegate use's index for a handler named in a route (`MapGet("/", Handle)`).
        return match s.kind {
            cancellation_token::RootKind::HandlerGroup { .. } => {
                facts.delegate_uses.get(s.function as usize).map(|d| d.range.range())
            }
            _ => facts.functions.get(s.function as usize).map(|f| f.name_range.range()),
        }
        .into_iter()
        .collect();
    }
    if let Some(s) = site.downcast_ref::<async_alternative::Site>() {
        return match s {
            async_alternative::Site::Call(i) => {
                facts.calls.get(*i as usize).map(|c| c.range.range()).into_iter().collect()
            }
            async_alternative::Site::Using(u) => vec![u.range.clone()],
            async_alternative::Site::Lock(group) => group.locks.iter().map(|l| l.head.clone()).collect(),
        };
    }
    Vec::new()
}

fn step(transform: &Transform, detections: &[Detected], planner: &mut Planner) {
    (transform.plan)(detections, planner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefilter::Triggers;

    #[test]
    fn registry_triggers_compile_and_find_sites() {
        // async-alternative's sites are ordinary calls in async code: its trigger is the word `async` (and `lock (`),
        // which every file with async code matches. It is checked on its own below.
        // So is fire-and-forget's: any async function may drop a task.
        let all: Vec<&str> = REGISTRY
            .iter()
            .filter(|t| t.id != async_alternative::ID && t.id != configure_await::ID && t.id != fire_and_forget::ID)
            .flat_map(|t| t.triggers.iter().copied())
            .collect();
        let alternative = Triggers::new(async_alternative::TRANSFORM.triggers.to_vec()).unwrap();
        assert!(alternative.matches(b"public async Task Run() { File.ReadAllText(p); }"));
        assert!(alternative.matches(b"lock (_gate) { x = t.Result; }"));
        assert!(!alternative.matches(b"public Task RunAsync() => Task.CompletedTask;"));
        // configure-await's sites are every await of a library, and UI code that awaits, blocks or starts async
        // work decides for the libraries it runs: its triggers match most async code. Checked on their own too.
        let configure = Triggers::new(configure_await::TRANSFORM.triggers.to_vec()).unwrap();
        assert!(configure.matches(b"await t.WaitAsync(ct);"));
        assert!(configure.matches(b"var page = LoadAsync (url).Result;"));
        assert!(configure.matches(b"_host.StartAsync(token);"));
        assert!(!configure.matches(b"public int Count() => _items.Count; // awaits nothing"));
        let dropped = Triggers::new(fire_and_forget::TRANSFORM.triggers.to_vec()).unwrap();
        assert!(dropped.matches(b"public async Task Run() { Go(); }"));
        assert!(dropped.matches(b"Task Run() => SaveAsync();"));
        assert!(!dropped.matches(b"IActionResult Get() => Ok();"));
        let t = Triggers::new(all).unwrap();
        for hit in [
            "var n = t.Result;",
            "t.GetAwaiter().GetResult();",
            "Task.WaitAll(a, b);",
            "public async void Run() {}",
            "async /* c */ static void Run() {}",
            "async\n#if X\nstatic\n#endif\nvoid Run() {}",
            "items.ForEach(async x => await Go(x));",
            "Task Get(System.Threading.CancellationToken ct) => Go();",
            "using var cts = new CancellationTokenSource();",
            "b.Click += async (s, e) => await Go();",
        ] {
            assert!(t.matches(hit.as_bytes()), "{hit}");
        }
        for miss in ["IActionResult Get() => Ok();", "public async Task Run() {}", "await t.WaitAsync(ct);"] {
            assert!(!t.matches(miss.as_bytes()), "{miss}");
        }
    }

    #[test]
    fn registry_order_is_the_ids_order() {
        let ids = all_ids();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "TransformId::new(order, ..) must follow the registry");
        for t in REGISTRY {
            assert_eq!(parse_id(t.id.as_str()), Ok(t.id));
        }
        assert!(parse_id("nope").unwrap_err().contains("known: sync-over-async"));
    }
}
