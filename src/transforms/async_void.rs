//! async-void: `async void` methods and local functions become `async Task`
//! so callers can await them and their exceptions stop crashing the process.
//! Event handlers keep `async void`, which their delegate type requires.

use std::ops::Range;

use super::{FileInput, Status, Transform};
use crate::index::facts::FunctionKind;
use crate::index::FnId;
use crate::model::TransformId;
use crate::model::{Finding, Reason, Resolution};
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
    /// The code says `async void` is deliberate here: an analyzer's warning about it is suppressed, or the
    /// method is obsolete.
    pub intent: Option<Reason>,
}

pub fn detect(input: &FileInput) -> Vec<AsyncVoidMethod> {
    let src = input.source.text.as_ref();
    let pragmas = super::intent::Pragmas::of(src);
    let intent = |f: &crate::index::Function| {
        super::intent::stated_intent(src, input.facts, &pragmas, &f.range, super::intent::ASYNC_VOID_RULES)
    };
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
                intent: intent(f),
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
                    intent: intent(f),
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
            let resolution = match &site.intent {
                Some(why) => Resolution::LeftAlone(why.clone()),
                None => Resolution::Reported(Reason::ForEachAsyncLambda),
            };
            p.site(*file, site.range.clone(), ID, Finding::AsyncLambdaInForEach, resolution);
            continue;
        }
        let finding = Finding::AsyncVoid { name: func.name.to_string() };
        let resolution = if crate::plan::is_event_handler(p.index, f) {
            Resolution::LeftAlone(Reason::EventHandler)
        } else if let Some(why) = &site.intent {
            Resolution::LeftAlone(why.clone())
        } else {
            match p.retype_async_void(f, ID) {
                Ok(()) => Resolution::Fixed("returns Task; callers await it".into()),
                Err(why @ Reason::UsedAsDelegate { .. }) => {
                    Resolution::LeftAlone(Reason::KeptAsDelegate { why: Box::new(why) })
                }
                Err(why) => Resolution::Reported(why),
            }
        };
        p.site(*file, site.range.clone(), ID, finding, resolution);
    }
}
