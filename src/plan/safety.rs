//! Fix safety, as ruff's safe and unsafe fixes: every rewritten site is `safe` (behaviour kept, no public
//! signature changed) or `unsafe` (it compiles, but behaviour or a visible contract may change). Changes that
//! depend on each other stand or fall together, so a site takes the strictest level of its chain: methods joined
//! by an awaited call or by an interface/override group form one chain.

use std::collections::{BTreeMap, BTreeSet};

use super::{CallFix, Decision, Planner};
use crate::index::{CallTarget, FnId};
use crate::model::{Outcome, Safety};

/// Labels every rewritten site of the plan with its level.
pub(super) fn label(p: &mut Planner) {
    let mut chains = Chains::default();
    let mut unsafe_fns: BTreeSet<FnId> = BTreeSet::new();
    for (call_id, (fix, _)) in &p.state.call_fixes {
        let call = p.index.call(*call_id);
        let Some(caller) = call.context.function.map(|index| FnId { file: call_id.file, index }) else { continue };
        if let CallTarget::Solution(targets) = p.index.resolve_call(*call_id) {
            for t in targets.iter().filter(|t| matches!(p.state.decisions.get(t), Some(Decision::Convert { .. }))) {
                chains.join(caller, *t);
            }
        }
        // A blocking wait kept where it may deadlock: only `--allow-boundaries` lets one through.
        let boundary = matches!(fix, CallFix::Boundary(_) | CallFix::AggregateBoundary(_));
        if boundary && p.deadlock_context(*call_id).is_some() {
            unsafe_fns.insert(caller);
        }
    }
    for (f, d) in &p.state.decisions {
        let Decision::Convert { signature_changes: true, .. } = d else { continue };
        for m in p.index.group_of(*f).members {
            chains.join(*f, m);
        }
        // A published library's public signature changed: only `--public-api change` lets one through.
        if p.public_api_member(*f).is_some() {
            unsafe_fns.insert(*f);
        }
    }
    let owners: Vec<Option<FnId>> = (0..p.sites.len()).map(|i| owner(p, i)).collect();
    let marked: Vec<bool> =
        p.sites.iter().zip(&p.site_files).map(|(s, f)| p.unsafe_at.contains(&(*f, s.range.start))).collect();
    unsafe_fns.extend(owners.iter().zip(&marked).filter(|(_, m)| **m).filter_map(|(o, _)| *o));
    let unsafe_chains: BTreeSet<FnId> = unsafe_fns.iter().map(|f| chains.root(*f)).collect();
    for (i, site) in p.sites.iter_mut().enumerate() {
        if site.outcome != Outcome::Rewritten {
            continue;
        }
        let in_unsafe_chain = owners[i].is_some_and(|f| unsafe_chains.contains(&chains.root(f)));
        site.safety = Some(if marked[i] || in_unsafe_chain { Safety::Unsafe } else { Safety::Safe });
    }
}

/// The function whose change the `i`th site is part of: the innermost one around it.
fn owner(p: &Planner, i: usize) -> Option<FnId> {
    let file = p.site_files[i];
    p.index.file(file).facts.function_at(&p.sites[i].range).map(|index| FnId { file, index })
}

/// Union-find over functions.
#[derive(Default)]
struct Chains {
    parent: BTreeMap<FnId, FnId>,
}

impl Chains {
    fn root(&self, mut f: FnId) -> FnId {
        while let Some(p) = self.parent.get(&f) {
            f = *p;
        }
        f
    }

    fn join(&mut self, a: FnId, b: FnId) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            // The smaller id roots the chain, so the result never depends on the order of joins.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(hi, lo);
        }
    }
}
