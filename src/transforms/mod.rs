//! The transform registry: one row per transform, read by `list`, `explain`,
//! `--only`/`--skip` and the reports. Transforms find sites in one file at a
//! time (in parallel) and then plan cross-file changes through the planner.

pub mod async_void;
pub mod bounded_fanout;
pub mod cancellation_token;
pub mod sync_over_async;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::index::{FileFacts, FileId};
use crate::plan::Planner;
use crate::source::SourceFile;
use crate::workspace::ProjectSettings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TransformId {
    SyncOverAsync,
    AsyncVoid,
    BoundedFanout,
    CancellationToken,
}

impl TransformId {
    pub const ALL: [TransformId; 4] = [
        TransformId::SyncOverAsync,
        TransformId::AsyncVoid,
        TransformId::BoundedFanout,
        TransformId::CancellationToken,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TransformId::SyncOverAsync => "sync-over-async",
            TransformId::AsyncVoid => "async-void",
            TransformId::BoundedFanout => "bounded-fanout",
            TransformId::CancellationToken => "cancellation-token",
        }
    }
}

impl fmt::Display for TransformId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TransformId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl FromStr for TransformId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        TransformId::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = TransformId::ALL.iter().map(|t| t.as_str()).collect();
            format!("unknown transform '{s}' (known: {})", known.join(", "))
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Stable,
    Preview,
}

/// A transform's registry row.
pub struct TransformInfo {
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
    /// Whether it exists in this build yet.
    pub implemented: bool,
}

pub const REGISTRY: &[TransformInfo] = &[
    TransformInfo {
        id: TransformId::SyncOverAsync,
        summary: "`.Result`, `.Wait()`, `.GetAwaiter().GetResult()`, `Task.WaitAll` → `await`, async all the way up",
        status: Status::Stable,
        readme: include_str!("../../transforms/sync-over-async/README.md"),
        // `.Result`, `.Wait()`, `.GetAwaiter().GetResult()`, `Task.WaitAll/WaitAny`, `Thread.Sleep`.
        triggers: &[r"\b(?:Result|Wait|GetResult|WaitAll|WaitAny|Sleep)\b"],
        implemented: true,
    },
    TransformInfo {
        id: TransformId::AsyncVoid,
        summary: "`async void` methods → `async Task` (event handlers excepted), callers awaited",
        status: Status::Stable,
        readme: include_str!("../../transforms/async-void/README.md"),
        triggers: &[
            // `async`, then modifiers, comments or preprocessor lines, then `void` (after a directive anything goes).
            concat!(
                r"\basync\b(?:\s|/\*(?s:.*?)\*/|//[^\n]*|\b(?:public|private|protected|internal|static|virtual|override",
                r"|sealed|abstract|new|extern|unsafe|partial|readonly|required|file)\b)*(?:void\b|#)"
            ),
            // `list.ForEach(async x => ...)`, `.ForEach(static async ...)`, `.ForEach([A] async ...)`.
            r"\.ForEach\s*\(?\s*(?:async|static|\[)",
        ],
        implemented: true,
    },
    TransformInfo {
        id: TransformId::BoundedFanout,
        summary: "unbounded `Task.WhenAll` fan-out → bounded with SemaphoreSlim or Parallel.ForEachAsync",
        status: Status::Preview,
        readme: include_str!("../../transforms/bounded-fanout/README.md"),
        triggers: &["WhenAll", "ForEach"],
        implemented: true,
    },
    TransformInfo {
        id: TransformId::CancellationToken,
        summary: "forward CancellationTokens to callees and thread them down call chains",
        status: Status::Preview,
        readme: include_str!("../../transforms/cancellation-token/README.md"),
        // Tokens start at token parameters, ForEachAsync bodies, controllers, page models and route handlers.
        triggers: &[
            r"\bCancellationToken\b",
            "ForEachAsync",
            "Controller",
            "PageModel",
            "MapGet",
            "MapPost",
            "MapPut",
            "MapDelete",
            "MapPatch",
            "MapMethods",
        ],
        implemented: true,
    },
];

pub fn info(id: TransformId) -> &'static TransformInfo {
    REGISTRY.iter().find(|t| t.id == id).expect("every TransformId has a registry row")
}

/// What a transform sees of one parsed file.
pub struct FileInput<'a> {
    pub id: FileId,
    pub tree: &'a tree_sitter::Tree,
    pub source: &'a SourceFile,
    pub facts: &'a FileFacts,
    pub settings: &'a ProjectSettings,
}

/// A site found in one file, kept (without the tree) until planning.
#[derive(Clone, Debug)]
pub enum Detection {
    SyncWait(sync_over_async::SyncWait),
    AsyncVoid(async_void::AsyncVoidMethod),
    Fanout(bounded_fanout::Fanout),
    TokenRoot(cancellation_token::TokenRoot),
}

impl Detection {
    pub fn transform(&self) -> TransformId {
        match self {
            Detection::SyncWait(_) => TransformId::SyncOverAsync,
            Detection::AsyncVoid(_) => TransformId::AsyncVoid,
            Detection::Fanout(_) => TransformId::BoundedFanout,
            Detection::TokenRoot(_) => TransformId::CancellationToken,
        }
    }
}

/// Runs the per-file detection of the enabled transforms.
pub fn detect(input: &FileInput, enabled: &[TransformId]) -> Vec<Detection> {
    let mut out = Vec::new();
    for id in enabled {
        match id {
            TransformId::SyncOverAsync => {
                out.extend(sync_over_async::detect(input).into_iter().map(Detection::SyncWait))
            }
            TransformId::AsyncVoid => out.extend(async_void::detect(input).into_iter().map(Detection::AsyncVoid)),
            TransformId::BoundedFanout => out.extend(bounded_fanout::detect(input).into_iter().map(Detection::Fanout)),
            TransformId::CancellationToken => {
                out.extend(cancellation_token::detect(input).into_iter().map(Detection::TokenRoot))
            }
        }
    }
    out
}

/// Plans every detection; transforms go in registry order so results never depend on timing.
pub fn plan(detections: &[(FileId, Detection)], planner: &mut Planner) {
    let sync: Vec<(FileId, &sync_over_async::SyncWait)> = detections
        .iter()
        .filter_map(|(f, d)| if let Detection::SyncWait(s) = d { Some((*f, s)) } else { None })
        .collect();
    sync_over_async::plan(&sync, planner);
    // Settle first, so async-void's all-or-nothing check sees only its own boundaries.
    planner.settle();
    let voids: Vec<(FileId, &async_void::AsyncVoidMethod)> = detections
        .iter()
        .filter_map(|(f, d)| if let Detection::AsyncVoid(s) = d { Some((*f, s)) } else { None })
        .collect();
    async_void::plan(&voids, planner);
    let fanouts: Vec<(FileId, &bounded_fanout::Fanout)> = detections
        .iter()
        .filter_map(|(f, d)| if let Detection::Fanout(s) = d { Some((*f, s)) } else { None })
        .collect();
    bounded_fanout::plan(&fanouts, planner);
    planner.settle();
    // Which methods become async is known now: a `Thread.Sleep` in one is a site like any in async code.
    sync_over_async::plan_sleeps_in_methods_made_async(&sync, planner);
    // Last: tokens go into calls and signatures as the other transforms left them.
    planner.settle();
    let roots: Vec<(FileId, &cancellation_token::TokenRoot)> = detections
        .iter()
        .filter_map(|(f, d)| if let Detection::TokenRoot(r) = d { Some((*f, r)) } else { None })
        .collect();
    cancellation_token::plan(&roots, planner);
}
