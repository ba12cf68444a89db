//! The `Async` suffix for methods that became async, with every call site and the whole interface/override
//! group, or not at all: for every such method with `--rename-async`, and by default for members no other
//! assembly sees (private, internal, local functions) in files whose task-returning methods mostly have the
//! suffix already, the convention the code follows.

use std::collections::BTreeSet;

use super::{Decision, Planner};
use crate::atom::Atom;
use crate::edit::Edit;
use crate::index::facts::FunctionKind;
use crate::index::{library, CallTarget, FnId};
use crate::model::{Finding, Reason, Resolution};

/// Why a group keeps its name, if it must.
fn keep_name(p: &Planner, members: &[FnId], new_name: &str) -> Option<Reason> {
    for m in members {
        let f = p.index.function(*m);
        if let Some(r) = p.public_api_blocker(*m) {
            return Some(r);
        }
        if f.name == "Main" {
            return Some(Reason::RenameMain);
        }
        if f.attributes.iter().any(|a| library::TEST_ATTRIBUTES.contains(&a.as_str())) {
            return Some(Reason::RenameTest);
        }
        if super::is_event_handler_signature(f) {
            return Some(Reason::RenameHandler);
        }
        if let Some(t) = p.index.containing_type(*m) {
            let decl = p.index.type_decl(t);
            let controller = decl.attributes.iter().any(|a| a == "ApiController")
                || p.index.supertypes(&decl.name).iter().any(|s| library::CONTROLLER_BASES.contains(&s.as_str()));
            if controller && f.has_modifier("public") {
                return Some(Reason::RenameAction);
            }
            let family: BTreeSet<Atom> =
                p.index.supertypes(&decl.name).into_iter().chain(p.index.subtypes(&decl.name)).collect();
            let clash = family.iter().flat_map(|t| p.index.functions_in_type(t, new_name)).min();
            if let Some(other) = clash {
                return Some(Reason::NameTaken {
                    name: new_name.to_string(),
                    at: p.index.location(other.file, p.index.function(other).range.start()),
                });
            }
        } else if f.kind == FunctionKind::LocalFunction
            && p.index.file(m.file).facts.functions.iter().any(|o| o.name == new_name && o.parent == f.parent)
        {
            return Some(Reason::NameTakenInScope { name: new_name.to_string() });
        }
        if !p.index.delegate_uses_named(&f.name).is_empty() {
            return Some(Reason::NameUsedAsDelegate);
        }
        if let Some((file, i)) = p.index.nameof_uses_named(&f.name).first() {
            let at = p.index.file(*file).facts.nameof_uses[*i as usize].1.start;
            return Some(Reason::NameofUse { name: f.name.to_string(), at: p.index.location(*file, at) });
        }
    }
    None
}

/// A documentation comment naming `name` in `cref` (`<see cref="Load"/>`) in one of `files`: renamed, the
/// reference would no longer resolve (warning CS1574, an error where warnings are).
fn cref_naming(p: &Planner, files: &BTreeSet<crate::index::FileId>, name: &str) -> Option<Reason> {
    for file in files {
        let text = &p.index.file(*file).source.text();
        for (at, _) in text.match_indices("cref=\"") {
            let start = at + "cref=\"".len();
            let Some(len) = text[start..].find('"') else { continue };
            let target = text[start..start + len].split('(').next().unwrap_or("");
            if target.rsplit(['.', ':']).next().is_some_and(|last| last.split('{').next() == Some(name)) {
                return Some(Reason::NameInCref { name: name.to_string(), at: p.index.location(*file, at) });
            }
        }
    }
    None
}

/// Whether no other assembly can see `f`: a local function, or a method declared private or internal (and not
/// protected) in a class, outside any interface.
fn non_public(p: &Planner, f: FnId) -> bool {
    let func = p.index.function(f);
    if func.kind == FunctionKind::LocalFunction {
        return true;
    }
    if func.explicit_interface.is_some() || func.has_modifier("public") || func.has_modifier("protected") {
        return false;
    }
    let in_interface = p
        .index
        .containing_type(f)
        .is_some_and(|t| p.index.type_decl(t).kind == crate::index::facts::TypeKind::Interface);
    !in_interface
}

/// Whether the file declaring `f` names its task-returning methods with the `Async` suffix: at least two of
/// them, and most of them do (overrides, entry points, tests and event handlers aside, whose names are given).
/// The file's own declarations decide, so the answer does not depend on which other files a run reads.
fn file_uses_async_suffix(p: &Planner, f: FnId) -> bool {
    let facts = &p.index.file(f.file).facts;
    let (mut named, mut total) = (0usize, 0usize);
    for g in facts.functions.iter().filter(|g| g.kind == FunctionKind::Method) {
        let given = g.has_modifier("override")
            || g.name == "Main"
            || g.attributes.iter().any(|a| library::TEST_ATTRIBUTES.contains(&a.as_str()));
        if given || !library::is_task_like(&g.return_type) {
            continue;
        }
        total += 1;
        if g.name.ends_with("Async") {
            named += 1;
        }
    }
    total >= 2 && named * 2 > total
}

pub(super) fn rename_converted(p: &mut Planner) {
    let converted: Vec<FnId> = p
        .state
        .decisions
        .iter()
        .filter(|(f, d)| matches!(d, Decision::Convert { .. }) && p.index.function(**f).is_method_like())
        .map(|(f, _)| *f)
        .collect();
    let mut seen: BTreeSet<FnId> = BTreeSet::new();
    for f in converted {
        if seen.contains(&f) {
            continue;
        }
        let func = p.index.function(f);
        let members = if func.kind == FunctionKind::LocalFunction { vec![f] } else { p.index.group_of(f).members };
        seen.extend(members.iter().copied());
        if func.name.ends_with("Async") {
            continue;
        }
        // Without --rename-async, only where the code's convention asks for it and no other assembly sees the name.
        let by_convention = !p.rename_async(f.file);
        if by_convention && !(members.iter().all(|m| non_public(p, *m)) && file_uses_async_suffix(p, f)) {
            continue;
        }
        let origin = match p.state.decisions.get(&f) {
            Some(Decision::Convert { origin, .. }) => *origin,
            _ => continue,
        };
        let new_name = format!("{}Async", func.name);
        let mut reason = keep_name(p, &members, &new_name);
        let mut call_edits: Vec<crate::index::CallId> = Vec::new();
        if reason.is_none() {
            for call_id in p.index.calls_named(&func.name).to_vec() {
                let hits = |targets: &[FnId]| targets.iter().filter(|t| members.contains(t)).count();
                match p.index.resolve_call(call_id) {
                    CallTarget::Solution(t) if hits(&t) == t.len() => call_edits.push(call_id),
                    CallTarget::Solution(t) | CallTarget::Unknown(t) if hits(&t) > 0 => {
                        let c = p.index.call(call_id);
                        reason = Some(Reason::CallNotTied { at: p.index.location(call_id.file, c.range.start()) });
                        break;
                    }
                    _ => {}
                }
            }
        }
        if reason.is_none() {
            let files: BTreeSet<crate::index::FileId> =
                members.iter().map(|m| m.file).chain(call_edits.iter().map(|c| c.file)).collect();
            reason = cref_naming(p, &files, &func.name);
        }
        let decl = p.index.function(f);
        match reason {
            // Nobody asked for this rename: where it cannot be made, there is nothing to say.
            Some(_) if by_convention => {}
            Some(why) => p.site(
                f.file,
                decl.name_range.range(),
                origin,
                Finding::NotRenamed { name: decl.name.to_string() },
                Resolution::LeftAlone(why),
            ),
            None => {
                for m in &members {
                    let mf = p.index.function(*m);
                    p.edit(m.file, Edit::replace(mf.name_range.range(), new_name.clone(), origin));
                }
                for call_id in call_edits {
                    let c = p.index.call(call_id);
                    p.edit(call_id.file, Edit::replace(c.name_range.range(), new_name.clone(), origin));
                }
                let why = if by_convention {
                    // A name only the assembly sees, as its file names its other async methods: nothing outside changes.
                    "the method became async, and its file names task-returning methods with the Async suffix"
                } else {
                    p.note_unsafe_fix(f.file, decl.name_range.start());
                    "--rename-async: the method became async"
                };
                p.site(
                    f.file,
                    decl.name_range.range(),
                    origin,
                    Finding::Renamed { name: decl.name.to_string(), new_name: new_name.clone() },
                    Resolution::Fixed(why.into()),
                );
            }
        }
    }
}
