//! async-void: `async void` methods and local functions become `async Task`
//! so callers can await them and their exceptions stop crashing the process.
//! Event handlers keep `async void`, which their delegate type requires.

use std::ops::Range;

use super::{FileInput, Status, Transform};
use crate::index::facts::FunctionKind;
use crate::index::FnId;
use crate::model::Outcome;
use crate::model::TransformId;
use crate::plan::Planner;

pub const ID: TransformId = TransformId::new(1, "async-void");

pub const TRANSFORM: Transform = Transform {
    id: ID,
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
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<AsyncVoidMethod>(detections, ID), p),
};

/// An `async void` function, or an async lambda that a `ForEach` turns into `async void`.
#[derive(Clone, Debug)]
pub struct AsyncVoidMethod {
    pub function: u32,
    pub range: Range<usize>,
    pub lambda_in_foreach: bool,
}

pub fn detect(input: &FileInput) -> Vec<AsyncVoidMethod> {
    let src = input.source.text.as_ref();
    let mut out = Vec::new();
    for (i, f) in input.facts.functions.iter().enumerate() {
        if !f.is_async() {
            continue;
        }
        if f.is_method_like() && f.return_type.trim() == "void" {
            out.push(AsyncVoidMethod {
                function: i as u32,
                range: f.return_type_range.clone(),
                lambda_in_foreach: false,
            });
        } else if f.kind == FunctionKind::Lambda {
            // `list.ForEach(async x => ...)`: the Action<T> makes it async void. Parallel.ForEach is bounded-fanout's.
            let before = src[..f.range.start].trim_end();
            let before = before.strip_suffix('(').unwrap_or(before);
            if before.ends_with(".ForEach") && !before.ends_with("Parallel.ForEach") {
                out.push(AsyncVoidMethod {
                    function: i as u32,
                    range: f.range.start..f.range.start + 5,
                    lambda_in_foreach: true,
                });
            }
        }
    }
    out
}

pub fn plan(sites: &[(u32, &AsyncVoidMethod)], p: &mut Planner) {
    for (file, site) in sites {
        let f = FnId { file: *file, index: site.function };
        let func = p.index.function(f);
        if site.lambda_in_foreach {
            p.site(
                *file,
                site.range.clone(),
                ID,
                Outcome::Reported,
                "async lambda passed to ForEach runs as async void",
                "ForEach does not wait for it and its exceptions crash the process; use a foreach loop with await",
            );
            continue;
        }
        let message = format!("async void {}", func.name);
        if crate::plan::is_event_handler_signature(func) {
            p.site(
                *file,
                site.range.clone(),
                ID,
                Outcome::LeftAlone,
                message,
                "event handler: its delegate type requires void",
            );
            continue;
        }
        match p.retype_async_void(f, ID) {
            Ok(()) => {
                p.site(*file, site.range.clone(), ID, Outcome::Rewritten, message, "returns Task; callers await it")
            }
            Err(reason) if reason.starts_with("it is used as a delegate") => p.site(
                *file,
                site.range.clone(),
                ID,
                Outcome::LeftAlone,
                message,
                format!("left as async void: {reason}"),
            ),
            Err(reason) => p.site(*file, site.range.clone(), ID, Outcome::Reported, message, reason),
        }
    }
}
