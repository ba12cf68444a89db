//! Test doubles of a member that gains a token. Moq and FakeItEasy configure a member through an expression tree
//! (`mock.Setup(x => x.Load(id))`, `A.CallTo(() => fake.Load(id))`), where an optional argument cannot be left
//! out (CS0854), and an NSubstitute configuration without the token matches only calls that pass none. So every
//! configuration of the member gets the library's any-matcher for the new parameter, in the same run; where one
//! cannot (an unknown library, a callback that takes the member's parameters, a member the configuration cannot be
//! tied to), the member gets no token.

use crate::index::facts::{FileFacts, FunctionKind, TypeExpr, ValueUse};
use crate::index::{CallId, FnId};
use crate::model::Reason;
use crate::plan::Planner;
use crate::syntax::simple_type_name;

use super::apis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    Moq,
    NSubstitute,
    FakeItEasy,
}

impl Library {
    /// The argument matching any token.
    pub fn any_token(self) -> &'static str {
        match self {
            Library::Moq => "It.IsAny<CancellationToken>()",
            Library::NSubstitute => "Arg.Any<CancellationToken>()",
            Library::FakeItEasy => "A<CancellationToken>._",
        }
    }

    pub fn namespace(self) -> &'static str {
        match self {
            Library::Moq => "Moq",
            Library::NSubstitute => "NSubstitute",
            Library::FakeItEasy => "FakeItEasy",
        }
    }
}

const MOQ_SETUPS: &[&str] = &["Setup", "SetupSequence", "SetupGet", "Verify", "VerifyGet", "SetupAsync"];
const NSUBSTITUTE_RECEIVED: &[&str] = &["Received", "DidNotReceive", "ReceivedWithAnyArgs", "DidNotReceiveWithAnyArgs"];
const NSUBSTITUTE_CHAINED: &[&str] = &[
    "Returns",
    "ReturnsForAnyArgs",
    "ReturnsAsync",
    "Throws",
    "ThrowsForAnyArgs",
    "ThrowsAsync",
    "ThrowsAsyncForAnyArgs",
    "ReturnsNull",
    "ReturnsNullForAnyArgs",
];
/// Moq calls chained on a setup whose delegate receives the member's arguments.
const MOQ_CALLBACKS: &[&str] = &["Callback", "Returns", "ReturnsAsync", "Throws", "ThrowsAsync"];

/// The test-double configurations that may configure one of `members` (a group gaining a token), each with its
/// library; or why one of them cannot be updated.
pub fn setups_of(p: &Planner, members: &[FnId]) -> Result<Vec<(CallId, Library)>, Reason> {
    /// The question, as the key of its kept answers: it depends on the index alone, and the token planner asks it
    /// for the same group at every caller it binds.
    #[derive(PartialEq, Eq, Hash)]
    struct SetupsOf(Vec<FnId>);
    p.derived.get_or_compute(SetupsOf(members.to_vec()), || find_setups(p, members))
}

fn find_setups(p: &Planner, members: &[FnId]) -> Result<Vec<(CallId, Library)>, Reason> {
    let mut out = Vec::new();
    let mut names: Vec<crate::atom::Atom> = members.iter().map(|m| p.index.function(*m).name).collect();
    names.sort();
    names.dedup();
    for name in names {
        for call in p.index.calls_named(&name) {
            let c = p.index.call(*call);
            if !c.mock_configuration || p.token_argument(*call).is_some() {
                continue;
            }
            let reaches = members.iter().any(|m| {
                let f = p.index.function(*m);
                f.name == name && f.kind == FunctionKind::Method && f.accepts_arity(c.arity as usize)
            });
            if !reaches {
                continue;
            }
            // Only for a refusal: where the configuration is written, which reads the file's text.
            let at = || p.index.location(call.file, c.range.start());
            let facts = &p.index.file(call.file).facts;
            let Some((library, host)) = library_of(p, *call) else {
                return Err(Reason::TokenMockNotUpdatable {
                    at: at(),
                    why: "its test-double library cannot be told".into(),
                });
            };
            match configures(p, *call, host, members) {
                Some(false) => continue,
                Some(true) => {}
                None => {
                    return Err(Reason::TokenMockNotUpdatable {
                        at: at(),
                        why: "it cannot be told which member of that name it configures".into(),
                    })
                }
            }
            if library == Library::Moq {
                if let Some(callback) = host.and_then(|h| typed_callback(p, facts, call.file, h)) {
                    return Err(Reason::TokenMockNotUpdatable {
                        at: at(),
                        why: format!("its {callback} takes the member's parameters"),
                    });
                }
            }
            if c.args_range.is_none() || c.in_error_region {
                return Err(Reason::TokenMockNotUpdatable { at: at(), why: "its code does not parse".into() });
            }
            out.push((*call, library));
        }
    }
    Ok(out)
}

/// The library of configuration `call`, and the call that hosts its lambda (`Setup`, `CallTo`, `When`), if one does.
fn library_of(p: &Planner, call: CallId) -> Option<(Library, Option<usize>)> {
    let facts = &p.index.file(call.file).facts;
    let c = p.index.call(call);
    if let Some(f) = c.context.function {
        let func = &facts.functions[f as usize];
        if matches!(func.kind, FunctionKind::Lambda) && func.value_use == ValueUse::Argument {
            if let Some(host) = facts.host_call(func.range) {
                let name = facts.calls[host].name;
                if MOQ_SETUPS.contains(&name.as_str()) {
                    return Some((Library::Moq, Some(host)));
                }
                if name == "CallTo" {
                    return Some((Library::FakeItEasy, Some(host)));
                }
                if name == "When" || name == "WhenForAnyArgs" {
                    return Some((Library::NSubstitute, Some(host)));
                }
            }
        }
    }
    if matches!(&*c.receiver, TypeExpr::Call { name, .. } if NSUBSTITUTE_RECEIVED.contains(&name.as_str())) {
        return Some((Library::NSubstitute, None));
    }
    if c.value_use == ValueUse::Receiver {
        let first = facts.calls.partition_point(|x| x.range.start() < c.range.start());
        let end = facts.calls.partition_point(|x| x.range.start() <= c.range.start());
        let chained = facts.calls[first..end]
            .iter()
            .any(|x| x.range.end() > c.range.end() && NSUBSTITUTE_CHAINED.contains(&x.name.as_str()));
        if chained {
            return Some((Library::NSubstitute, None));
        }
    }
    None
}

/// Whether configuration `call` configures a member of `members`: by the mocked type where it can be read
/// (`Mock<IRepo>`, `GetMock<IRepo>()`, `Substitute.For<IRepo>()`, a field typed `IRepo`), or else by the name
/// alone when no other solution method of that name takes that many arguments. `None`: cannot tell.
fn configures(p: &Planner, call: CallId, host: Option<usize>, members: &[FnId]) -> Option<bool> {
    let c = p.index.call(call);
    let name = c.name;
    let mocked = mocked_type(p, call, host);
    let member_types: Vec<String> = members
        .iter()
        .filter(|m| p.index.function(**m).name == name)
        .filter_map(|m| p.index.containing_type(*m).map(|t| p.index.type_decl(t).name.to_string()))
        .collect();
    if let Some(t) = mocked {
        let t = simple_type_name(&t).to_string();
        if !p.index.is_solution_type(&t) {
            return Some(false);
        }
        let supers = p.index.supertypes(&t);
        return Some(
            member_types
                .iter()
                .any(|m| supers.iter().any(|s| s == m.as_str()) || p.index.supertypes(m).iter().any(|s| *s == t)),
        );
    }
    let others = p.index.functions_named(&name).iter().any(|f| {
        let func = p.index.function(*f);
        func.kind == FunctionKind::Method && func.accepts_arity(c.arity as usize) && !members.contains(f)
    });
    (!others).then_some(true)
}

/// The type a configuration mocks, where the code names it.
fn mocked_type(p: &Planner, call: CallId, host: Option<usize>) -> Option<String> {
    let facts = &p.index.file(call.file).facts;
    let text = &p.index.file(call.file).source.text();
    let c = p.index.call(call);
    let (receiver_text, receiver) = match host {
        // `mock.Setup(x => x.M())`, `Mocker.GetMock<IRepo>().Setup(…)`.
        Some(h) if facts.calls[h].name != "CallTo" => {
            let h = &facts.calls[h];
            (text.get(h.range.start()..h.name_range.start()).unwrap_or(""), &h.receiver)
        }
        // `A.CallTo(() => fake.M())`, `sub.M()`, `sub.Received().M()`: the receiver of the call itself.
        _ => (text.get(c.range.start()..c.name_range.start()).unwrap_or(""), &c.receiver),
    };
    // `Mock<IRepo>`, and a factory's type argument: `GetMock<IRepo>()`, `Substitute.For<IRepo>()`,
    // `sutProvider.GetDependency<IRepo>()`.
    let generic_tail = receiver_text.trim_end().trim_end_matches('.').trim_end().strip_suffix("()").and_then(|t| {
        let t = t.strip_suffix('>')?;
        let open = t.rfind('<')?;
        Some(t[open + 1..].to_string())
    });
    let mock_of = receiver_text.find("Mock<").map(|i| {
        let rest = &receiver_text[i + "Mock<".len()..];
        rest.chars().take_while(|ch| *ch != '>' && *ch != ',').collect::<String>()
    });
    if let Some(inner) = generic_tail.or(mock_of).filter(|t| !t.trim().is_empty() && !t.contains(',')) {
        return Some(inner.trim().to_string());
    }
    let receiver = match &**receiver {
        TypeExpr::Call { receiver, name, .. } if NSUBSTITUTE_RECEIVED.contains(&name.as_str()) => receiver.as_ref(),
        r => r,
    };
    let scope = apis::Scope { file: call.file, containing_type: c.containing_type, function: c.context.function };
    let t = apis::type_of(p, scope, receiver)?;
    let simple = simple_type_name(&t);
    if simple == "Mock" || simple == "Fake" {
        let open = t.find('<')?;
        let close = t.rfind('>')?;
        return Some(t[open + 1..close].trim().to_string());
    }
    Some(t)
}

/// A Moq callback chained on setup `host` whose delegate takes the member's parameters (`.Callback<int>(…)`,
/// `.Returns((int id) => …)`): Moq checks its parameter count against the member's at run time.
fn typed_callback(p: &Planner, facts: &FileFacts, file: crate::index::FileId, host: usize) -> Option<String> {
    let h = &facts.calls[host];
    let text = &p.index.file(file).source.text();
    let first = facts.calls.partition_point(|x| x.range.start() < h.range.start());
    let end = facts.calls.partition_point(|x| x.range.start() <= h.range.start());
    facts.calls[first..end]
        .iter()
        .filter(|x| x.range.end() > h.range.end() && MOQ_CALLBACKS.contains(&x.name.as_str()))
        .find(|x| {
            let generic = text.get(x.name_range.end()..).is_some_and(|t| t.starts_with('<'));
            let takes_parameters = x.arguments.iter().any(|a| {
                facts.functions.iter().any(|f| {
                    matches!(f.kind, FunctionKind::Lambda | FunctionKind::AnonymousMethod)
                        && a.range.ends_with(f.range)
                        && !f.params.is_empty()
                })
            });
            generic || takes_parameters
        })
        .map(|x| format!("`.{}(…)`", x.name))
}
