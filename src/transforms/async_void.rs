//! async-void: `async void` methods and local functions become `async Task`
//! so callers can await them and their exceptions stop crashing the process.
//! Event handlers keep `async void`, which their delegate type requires.

use std::ops::Range;

use super::{FileInput, Status, Transform};
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
    ],
    detect: |input| super::detections(ID, detect(input)),
    plan: |detections, p| plan(&super::sites_of::<AsyncVoidMethod>(detections, ID), p),
};

/// An `async void` method or local function. (Async lambdas passed as void delegates, `ForEach(async x => …)`
/// among them, are async-lambda-void's.)
#[derive(Clone, Debug)]
pub struct AsyncVoidMethod {
    pub function: u32,
    pub range: Range<usize>,
    /// The code says `async void` is deliberate here: an analyzer's warning about it is suppressed, or the
    /// method is obsolete.
    pub intent: Option<Reason>,
}

pub fn detect(input: &FileInput) -> Vec<AsyncVoidMethod> {
    let src = input.source.text();
    let pragmas = super::intent::Pragmas::of(src);
    let intent = |f: &crate::index::Function| {
        super::intent::stated_intent(src, input.facts, &pragmas, &f.range.range(), super::intent::ASYNC_VOID_RULES)
    };
    let mut out = Vec::new();
    for (i, f) in input.facts.functions.iter().enumerate() {
        if !f.is_async() {
            continue;
        }
        if f.is_method_like() && f.return_type.trim() == "void" {
            out.push(AsyncVoidMethod { function: i as u32, range: f.return_type_range.range(), intent: intent(f) });
        }
    }
    out
}

pub fn plan(sites: &[(u32, &AsyncVoidMethod)], p: &mut Planner) {
    for (file, site) in sites {
        let f = FnId { file: *file, index: site.function };
        let func = p.index.function(f);
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
