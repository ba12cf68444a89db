//! Whether converting a chain gains anything. Where callers may keep a blocking wait (web, console, test
//! projects), a conversion whose every caller up the chain keeps one only moves the wait: the methods become
//! async, each path still blocks once, and the code is no better (jellyfin's `GetCollections()` became async
//! for its one caller to call `GetCollectionsAsync(user).GetAwaiter().GetResult()`).

use std::collections::BTreeSet;

use super::{asyncify, CallFix, Planner, Refused};
use crate::index::{CallId, CallTarget, FnId};
use crate::model::{Reason, TransformId};

/// More functions than this on the way up: the chain is taken to reach an await somewhere.
const LIMIT: usize = 512;

impl Planner<'_, '_> {
    /// `make_async` for a blocking wait in `f`, refused when no path up the chain reaches an await: every caller
    /// keeps a blocking wait, so converting would only move it (`Reason::WaitOnlyMoves`). That can change as the
    /// plan grows (another site's chain may make those callers async), so such a refusal is not remembered.
    pub fn make_async_where_it_gains(&mut self, f: FnId, origin: TransformId) -> Result<(), Reason> {
        let decided = self.index.function(f).is_async() || self.state.decisions.contains_key(&f);
        if decided {
            return asyncify::make_async(self, f, origin);
        }
        if let Some(why) = self.refused_for_boundary.get(&f) {
            return Err(why.clone());
        }
        let acceptable = |p: &Self, call: CallId| p.boundary_risk(call).is_none() && gains(p, f);
        self.without_new_boundaries(acceptable, |p| asyncify::make_async(p, f, origin)).map_err(|why| match why {
            Refused::Itself(why) => why,
            // A boundary without risk refused: the chain gains nothing.
            Refused::Boundary(why @ Reason::CallerCannotBecomeAsync { .. }) => {
                Reason::WaitOnlyMoves { why: Box::new(why) }
            }
            Refused::Boundary(why) => {
                self.refused_for_boundary.insert(f, why.clone());
                why
            }
        })
    }
}

/// Whether some path from `root` up its callers, as planned, reaches an await that stays: a call awaited in code
/// that was async already (or in top-level statements), or a converted function nothing in the solution calls
/// (an entry point, a test, an action, a handler: its caller is the framework). A wait kept even in `Main` is a
/// wait moved, not removed. With `--allow-boundaries` the user asked for such chains whatever they gain.
fn gains(p: &Planner, root: FnId) -> bool {
    if p.options.allow_boundaries {
        return true;
    }
    let mut queue = vec![root];
    let mut seen: BTreeSet<FnId> = BTreeSet::new();
    while let Some(g) = queue.pop() {
        if !seen.insert(g) {
            continue;
        }
        if seen.len() > LIMIT {
            return true;
        }
        let func = p.index.function(g);
        let members = if func.is_method_like() && func.kind != crate::index::FunctionKind::LocalFunction {
            p.index.group_of(g).members
        } else {
            vec![g]
        };
        let mut called = false;
        for m in &members {
            let name = p.index.function(*m).name;
            for call_id in p.index.calls_named(&name) {
                let reaches = match p.index.resolve_call(*call_id) {
                    CallTarget::Solution(t) | CallTarget::Unknown(t) => t.contains(m),
                    CallTarget::External | CallTarget::NoCandidate => false,
                };
                if !reaches {
                    continue;
                }
                called = true;
                let call = p.index.call(*call_id);
                if call.context.top_level || call.awaited {
                    return true;
                }
                let Some(index) = call.context.function else { continue };
                let caller = FnId { file: call_id.file, index };
                if let Some((CallFix::Await, _)) = p.state.call_fixes.get(call_id) {
                    if p.index.function(caller).is_async() {
                        return true;
                    }
                    queue.push(caller);
                }
            }
        }
        if !called {
            return true;
        }
    }
    false
}
