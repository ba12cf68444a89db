//! `gen-solution --shape callgraph`: a solution shaped like the large real code bases where planning costs the
//! most (the .NET reference source, efcore): big call graphs rather than many small independent entities.
//!
//! - **Deep chains across files.** An ASP.NET Core action calls down 10–40 methods (`--chain-depth`), one type
//!   per file, to a blocking `.Result` / `.Wait()` / `GetAwaiter().GetResult()`: sync-over-async makes the whole
//!   chain async. Levels are reached through a concrete field, a narrow interface declared in its own file, a
//!   wide interface (20–50 members, implemented by a store and by decorators that forward every member), or an
//!   abstract base with several overrides. Some levels also call a level of an earlier chain (fan-in) or the
//!   entry of the module's large partial class, so chains join into big connected components.
//! - **Token holders.** Controllers whose read actions take a `CancellationToken` and call through a service
//!   interface, 0–3 middle layers and a repository interface down to I/O that accepts a token: cancellation-token
//!   threads through 2–5 hops (beyond `--token-hops` 4, a chain is reported).
//! - **Common names.** `Execute`, `Handle`, `Process`, `Load` ... on every chain level; `Create` overloads on
//!   every node, command and model; `Visit` overloads for every node type on a visitor split over partial files,
//!   with derived visitors overriding some (one in ten blocking inside an override); `Handle` on every command
//!   handler. Looking a call up by name finds hundreds of candidates.
//! - **Large partial classes.** One query compiler per module, split over 5–20 files of many members calling
//!   each other, with an internal chain down to a blocking wait.
//! - **Many lazy rounds.** Only the files at the bottom of a chain hold a trigger word; each step up is found
//!   by a question about the callee's name, and the receiver's type is declared in yet another file.
//!
//! Projects: a core library, one library per module (referencing core) and a web project (the controllers)
//! referencing all of them, so every library runs without a synchronization context.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{csproj, plural, summary, write_text, Config, Cs, Rng, ADJECTIVES, COMPANIES, MEASURES, MODULES, NOUNS};

/// Method names real code reuses on hundreds of types (chain levels pick from these).
const COMMON: &[&str] = &[
    "Execute", "Handle", "Process", "Run", "Apply", "Load", "Resolve", "Build", "Evaluate", "Compute", "Fetch",
    "Render",
];

/// Async method names of the token stacks, also reused everywhere.
const ASYNC_COMMON: &[&str] =
    &["GetAsync", "FindAsync", "LoadAsync", "FetchAsync", "ReadAsync", "QueryAsync", "SearchAsync", "ListAsync"];

const ROLES: &[&str] = &[
    "Facade",
    "Service",
    "Manager",
    "Coordinator",
    "Processor",
    "Handler",
    "Pipeline",
    "Stage",
    "Executor",
    "Provider",
    "Resolver",
    "Loader",
    "Store",
    "Client",
    "Gateway",
    "Adapter",
    "Strategy",
    "Engine",
];

const MIDDLE_ROLES: &[&str] = &["Manager", "Cache", "Reader", "Coordinator", "Gateway", "Source"];

const NODE_KINDS: &[&str] = &["Expression", "Clause", "Reference", "Projection", "Predicate", "Literal", "Binding"];

/// Share of the files made by each component: sync-over-async chains (with their interfaces, bases and sibling
/// implementations), token stacks, nodes (with derived visitors), commands, models.
const SHARES: [f64; 5] = [0.40, 0.28, 0.14, 0.11, 0.07];

/// One `Visit(int, T)` overload per partial file.
const PART_TYPES: &[&str] = &[
    "string",
    "long",
    "double",
    "decimal",
    "char",
    "bool",
    "DateTime",
    "Guid",
    "TimeSpan",
    "byte",
    "short",
    "float",
    "uint",
    "ulong",
    "ushort",
    "sbyte",
    "Uri",
    "Version",
    "DateTimeOffset",
    "object",
];

const MODEL_SUFFIXES: &[&str] = &["Info", "Options", "Settings", "Snapshot", "Descriptor", "Metadata", "Entry"];

/// What the callgraph solution holds, for the summary line and the tests.
pub(super) struct Generated {
    pub files: Vec<GenFile>,
    pub chains: Vec<ChainInfo>,
    pub wide_interfaces: Vec<WideInfo>,
    pub token_actions: usize,
    pub partial_parts: usize,
    pub modules: Vec<String>,
    pub company: String,
}

#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct GenFile {
    pub path: PathBuf,
    pub text: String,
    /// Types declared in the file (for the tests).
    pub declares: Vec<String>,
}

/// One sync-over-async chain: the action at the top, then every method down to the blocking one.
pub(super) struct ChainInfo {
    /// (file index, type, method) from the controller action (level 0) to the method that blocks.
    pub levels: Vec<(usize, String, String)>,
}

#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct WideInfo {
    pub name: String,
    pub members: usize,
    pub implementations: usize,
}

/// How the level above reaches a chain level.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Via {
    Concrete,
    NarrowInterface,
    WideInterface,
    Override,
}

/// A chain level of an earlier chain that other chains may call too (always reached through its concrete type).
#[derive(Clone)]
struct Callable {
    ty: String,
    method: String,
}

struct Module {
    name: String,
    ns: String,
    dir: String,
    /// Node types, for `Create` calls in filler and the visitor's overloads.
    nodes: Vec<String>,
    callables: Vec<Callable>,
    /// The partial query compiler's type (its `Compile(int)` ends in a blocking wait).
    compiler: Option<String>,
}

struct Gen<'a> {
    config: &'a Config,
    rng: Rng,
    company: String,
    used: BTreeSet<String>,
    out: Generated,
    min_depth: usize,
    max_depth: usize,
}

pub(super) fn generate(config: &Config) -> Generated {
    let mut rng = Rng::new(config.seed ^ 0xC0FF_EE00);
    let company = rng.pick(COMPANIES).to_string();
    let mut g = Gen {
        config,
        rng,
        company: company.clone(),
        used: BTreeSet::new(),
        out: Generated {
            files: Vec::new(),
            chains: Vec::new(),
            wide_interfaces: Vec::new(),
            token_actions: 0,
            partial_parts: 0,
            modules: Vec::new(),
            company,
        },
        min_depth: config.chain_depth.0,
        max_depth: config.chain_depth.1,
    };
    g.core();
    let module_count = config.files.div_ceil(500).max(1);
    let target = config.files;
    // Files made by each component: chains, token stacks, nodes, commands, models.
    let mut made = [0usize; SHARES.len()];
    for m in 0..module_count {
        let base = MODULES[m % MODULES.len()];
        let name = if m < MODULES.len() { base.to_string() } else { format!("{base}{}", m / MODULES.len() + 1) };
        let project = format!("{}.{name}", g.company);
        let mut module = Module {
            ns: project.clone(),
            dir: format!("src/{project}"),
            name,
            nodes: Vec::new(),
            callables: Vec::new(),
            compiler: None,
        };
        let end = (m + 1) * target / module_count;
        let budget = end.saturating_sub(g.out.files.len());
        g.partial_class(&mut module, (budget / 25).clamp(5, 20));
        // Nodes first, so that filler and handlers can create them.
        g.nodes(&mut module, 6);
        // The visitor's partial files come at the end (one per ~40 node types): keep room for them.
        let visitor_files = |nodes: usize| nodes.div_ceil(40) + 1;
        loop {
            let room = end.saturating_sub(g.out.files.len() + visitor_files(module.nodes.len()));
            if room == 0 {
                break;
            }
            // The component furthest below its share of the files so far (a chain or a token stack only
            // where it fits, so that the module ends near its budget).
            let total = g.out.files.len() as f64 + 1.0;
            let fits = |c: usize| match c {
                0 => room * 5 / 8 >= g.min_depth,
                1 => room >= 8,
                _ => true,
            };
            let component = (0..SHARES.len())
                .filter(|&c| fits(c))
                .max_by(|&a, &b| {
                    let deficit = |c: usize| SHARES[c] * total - made[c] as f64;
                    deficit(a).total_cmp(&deficit(b)).then(b.cmp(&a))
                })
                .unwrap_or(4);
            let before = g.out.files.len();
            match component {
                0 => {
                    let most = (room * 5 / 8).min(g.max_depth);
                    g.chain(&mut module, most);
                }
                1 => g.token_stack(&mut module),
                2 => {
                    let n = g.rng.range(4, 12).min(room);
                    g.nodes(&mut module, n);
                }
                3 => g.commands(&module),
                _ => g.models(&module),
            }
            made[component] += g.out.files.len() - before;
        }
        g.visitor(&module);
        g.out.modules.push(module.name);
    }
    g.program();
    g.out
}

impl Gen<'_> {
    /// A type name not used yet: `{Adjective?}{Noun}{role}`, numbered when the combinations run out.
    fn fresh(&mut self, role: &str) -> String {
        for attempt in 0..12 {
            let noun = *self.rng.pick(NOUNS);
            let name = if attempt < 4 && self.rng.chance(0.5) {
                format!("{noun}{role}")
            } else {
                format!("{}{noun}{role}", self.rng.pick(ADJECTIVES))
            };
            if self.used.insert(name.clone()) {
                return name;
            }
        }
        let mut i = 2;
        let noun = *self.rng.pick(NOUNS);
        loop {
            let name = format!("{noun}{role}{i}");
            if self.used.insert(name.clone()) {
                return name;
            }
            i += 1;
        }
    }

    /// A stem such that it and `{stem}{suffix}` for every suffix, and the plural's controller, are all unused
    /// (an `I` suffix stands for the interface `I{stem}{rest}`).
    fn fresh_stem(&mut self, suffixes: &[&str]) -> String {
        loop {
            let stem = self.fresh("");
            let names: Vec<String> = suffixes
                .iter()
                .map(|s| match s.strip_prefix('I') {
                    Some(rest) if rest.starts_with(char::is_uppercase) => format!("I{stem}{rest}"),
                    _ => format!("{stem}{s}"),
                })
                .chain([format!("{}Controller", plural(&stem))])
                .collect();
            if names.iter().all(|n| !self.used.contains(n)) {
                self.used.extend(names);
                return stem;
            }
        }
    }

    fn target_size(&mut self, weight: f64) -> usize {
        let sigma = 0.6;
        let spread = (sigma * self.rng.normal() - sigma * sigma / 2.0).exp();
        (self.config.avg_bytes as f64 * weight * spread).clamp(400.0, 300_000.0) as usize
    }

    fn push(&mut self, path: String, text: String, declares: Vec<String>) -> usize {
        self.out.files.push(GenFile { path: PathBuf::from(path), text, declares });
        self.out.files.len() - 1
    }

    /// Usings, an optional licence header and the namespace; returns whether the namespace is a block.
    fn begin(&mut self, w: &mut Cs, ns: &str, extra_usings: &[String]) -> bool {
        if self.rng.chance(0.3) {
            w.line(&format!("// Copyright (c) {} Corporation. All rights reserved.", self.company));
            w.line("// Licensed under the MIT license.");
            w.line("");
        }
        for u in [
            "System",
            "System.Collections.Generic",
            "System.IO",
            "System.Linq",
            "System.Net.Http",
            "System.Threading",
            "System.Threading.Tasks",
        ] {
            w.line(&format!("using {u};"));
        }
        for u in extra_usings {
            w.line(&format!("using {u};"));
        }
        w.line("");
        // The reference source uses namespace blocks, newer code file-scoped namespaces.
        let block = self.rng.chance(0.5);
        if block {
            w.open(&format!("namespace {ns}"));
        } else {
            w.line(&format!("namespace {ns};"));
            w.line("");
        }
        block
    }

    fn end(w: &mut Cs, block: bool) {
        if block {
            w.close();
        }
    }

    fn core_using(&self) -> String {
        format!("{}.Core", self.company)
    }

    fn core(&mut self) {
        let ns = self.core_using();
        let dir = format!("src/{ns}");
        let mut w = Cs::new();
        let block = self.begin(&mut w, &ns, &[]);
        summary(&mut w, "Handles one command and returns its result.");
        w.open("public interface ICommandHandler<in TCommand, out TResult>");
        w.line("TResult Handle(TCommand command);");
        w.close();
        Self::end(&mut w, block);
        self.push(format!("{dir}/ICommandHandler.cs"), w.out, vec!["ICommandHandler".into()]);

        let mut w = Cs::new();
        let block = self.begin(&mut w, &ns, &[]);
        summary(&mut w, "Argument checks shared by every module.");
        w.open("public static class Check");
        w.open("public static T NotNull<T>(T value, string name) where T : class");
        w.line("return value ?? throw new ArgumentNullException(name);");
        w.close();
        w.line("");
        w.open("public static int Positive(int value, string name)");
        w.line("return value > 0 ? value : throw new ArgumentOutOfRangeException(name);");
        w.close();
        w.close();
        Self::end(&mut w, block);
        self.push(format!("{dir}/Check.cs"), w.out, vec!["Check".into()]);
    }

    fn module_usings(&self) -> Vec<String> {
        vec![self.core_using()]
    }

    /// Adds members until the text reaches `target`: properties, computations, and calls of `Create` on the
    /// module's node types (declared in other files).
    fn fill(&mut self, w: &mut Cs, m: &Module, target: usize, tag: &str) {
        let bait = self.rng.chance(0.04);
        if bait {
            w.line("");
            w.line("// Wait for the upstream Result before retrying; see the runbook.");
            w.line(&format!("private static readonly TimeSpan {tag}WaitTimeout = TimeSpan.FromSeconds(30);"));
        }
        let mut i = 0;
        while w.len() < target {
            w.line("");
            let adj = *self.rng.pick(ADJECTIVES);
            let measure = *self.rng.pick(MEASURES);
            match self.rng.below(5) {
                0 => {
                    w.line(&format!("public int {adj}{measure}{tag}{i} {{ get; set; }}"));
                }
                1 | 2 if !m.nodes.is_empty() => {
                    let node = m.nodes[self.rng.below(m.nodes.len())].clone();
                    summary(w, &format!("Builds the {} node for a {} value.", node, measure.to_lowercase()));
                    w.open(&format!("public {node} Create{adj}{measure}{tag}{i}(int seed, string label)"));
                    w.open("if (string.IsNullOrEmpty(label))");
                    w.line(&format!("return {node}.Create(seed);"));
                    w.close();
                    w.line(&format!("var node = {node}.Create(seed, label.Trim());"));
                    w.line("return node.Update(label + seed);");
                    w.close();
                }
                _ => {
                    w.open(&format!(
                        "public static decimal Compute{adj}{measure}{tag}{i}(IReadOnlyList<decimal> values)"
                    ));
                    w.line("var total = 0m;");
                    w.open("foreach (var value in values.Where(v => v > 0))");
                    w.line(&format!("total += value / {}m;", self.rng.range(2, 97)));
                    w.close();
                    w.line("return Math.Round(total, 2);");
                    w.close();
                }
            }
            i += 1;
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Sync-over-async chains.

    /// A chain of `--chain-depth` calls, at most `most`.
    fn chain(&mut self, m: &mut Module, most: usize) {
        let depth = self.rng.range(self.min_depth, self.max_depth.min(most).max(self.min_depth));
        // Level 0 is the controller action; levels 1..depth are classes; the last one blocks.
        struct Level {
            ty: String,
            method: String,
            via: Via,
            /// The type the level above holds a field of.
            field_ty: String,
        }
        let mut levels: Vec<Level> = Vec::with_capacity(depth);
        for k in 1..depth {
            let role = *self.rng.pick(ROLES);
            let roll = self.rng.unit();
            let via = if k == 1 || roll < 0.55 {
                if k == 1 || self.rng.chance(0.5) {
                    Via::NarrowInterface
                } else {
                    Via::Concrete
                }
            } else if roll < 0.85 {
                Via::Concrete
            } else if roll < 0.93 {
                Via::WideInterface
            } else {
                Via::Override
            };
            let ty = match via {
                Via::WideInterface => {
                    let stem = self.fresh(role);
                    self.used.insert(format!("Sql{stem}"));
                    format!("Sql{stem}")
                }
                _ => self.fresh(role),
            };
            let field_ty = match via {
                Via::Concrete => ty.clone(),
                Via::NarrowInterface => format!("I{ty}"),
                Via::WideInterface => format!("I{}", &ty[3..]),
                Via::Override => {
                    let base = format!("{ty}Base");
                    self.used.insert(base.clone());
                    base
                }
            };
            let method = self.rng.pick(COMMON).to_string();
            levels.push(Level { ty, method, via, field_ty });
        }
        let mut info = ChainInfo { levels: Vec::with_capacity(depth) };
        // The controller at the top.
        let controller = self.fresh("Controller");
        let top = &levels[0];
        let token = self.rng.chance(0.5);
        let ct = if token { ", CancellationToken cancellationToken" } else { "" };
        let mut w = Cs::new();
        let api_ns = format!("{}.Api.Controllers", self.company);
        let block = self.begin(&mut w, &api_ns, &[m.ns.clone(), "Microsoft.AspNetCore.Mvc".into()]);
        w.line("[ApiController]");
        w.line(&format!("[Route(\"api/{}\")]", controller.trim_end_matches("Controller").to_lowercase()));
        w.open(&format!("public sealed class {controller} : ControllerBase"));
        w.line(&format!("private readonly {} _next;", top.field_ty));
        w.line("");
        w.line(&format!("public {controller}({} next) => _next = next;", top.field_ty));
        w.line("");
        w.line("[HttpGet(\"{id:int}\")]");
        w.open(&format!("public ActionResult<string> Get(int id{ct})"));
        w.line(&format!("var value = _next.{}(id);", top.method));
        w.line("return value.Length == 0 ? NotFound() : Ok(value);");
        w.close();
        let target = self.target_size(0.8);
        self.fill(&mut w, m, target, "Api");
        w.close();
        Self::end(&mut w, block);
        let file =
            self.push(format!("src/{}.Api/Controllers/{controller}.cs", self.company), w.out, vec![controller.clone()]);
        info.levels.push((file, controller, "Get".into()));

        let form = self.rng.below(4);
        for k in 0..levels.len() {
            let level = &levels[k];
            let next = levels.get(k + 1);
            let (ty, method, via) = (level.ty.clone(), level.method.clone(), level.via);
            // Fan-in: also call a level of an earlier chain, or the module's query compiler.
            let mut extra: Vec<(String, String)> = Vec::new();
            if next.is_some() && !m.callables.is_empty() && self.rng.chance(0.15) {
                let c = m.callables[self.rng.below(m.callables.len())].clone();
                if c.ty != ty {
                    extra.push((c.ty, c.method));
                }
            }
            if next.is_some() && extra.is_empty() && self.rng.chance(0.04) {
                if let Some(compiler) = &m.compiler {
                    extra.push((compiler.clone(), "Compile".into()));
                }
            }
            let next_call = next.map(|n| (n.field_ty.clone(), n.method.clone()));
            let file = self.chain_level(m, k, &ty, &method, via, &level.field_ty, next_call, &extra, form);
            info.levels.push((file, ty.clone(), method.clone()));
            if via == Via::Concrete {
                m.callables.push(Callable { ty, method });
            }
        }
        self.out.chains.push(info);
    }

    /// Writes one chain level (and its interface, base or sibling implementations); returns the level's file.
    #[allow(clippy::too_many_arguments)]
    fn chain_level(
        &mut self,
        m: &Module,
        k: usize,
        ty: &str,
        method: &str,
        via: Via,
        field_ty: &str,
        next: Option<(String, String)>,
        extra: &[(String, String)],
        form: usize,
    ) -> usize {
        let usings = self.module_usings();
        // Members of the interface or base besides the chain's method (name, parameters, return type).
        let count = match via {
            Via::NarrowInterface => self.rng.range(1, 4),
            Via::WideInterface => self.rng.range(19, 49),
            Via::Override | Via::Concrete => 0,
        };
        let others = self.members(method, count);
        match via {
            Via::NarrowInterface | Via::WideInterface => {
                let mut w = Cs::new();
                let block = self.begin(&mut w, &m.ns, &usings);
                summary(&mut w, &format!("Contract of the {} step.", ty));
                w.open(&format!("public interface {field_ty}"));
                w.line(&format!("string {method}(int id);"));
                for (name, params, ret) in &others {
                    w.line("");
                    w.line(&format!("{ret} {name}({params});"));
                }
                w.close();
                Self::end(&mut w, block);
                self.push(format!("{}/Abstractions/{field_ty}.cs", m.dir), w.out, vec![field_ty.to_string()]);
            }
            Via::Override => {
                let mut w = Cs::new();
                let block = self.begin(&mut w, &m.ns, &usings);
                summary(&mut w, "Base of the interchangeable implementations of this step.");
                w.open(&format!("public abstract class {field_ty}"));
                w.line(&format!("public abstract string {method}(int id);"));
                w.line("");
                w.line("public virtual string Describe(int id) => GetType().Name + id;");
                w.line("");
                w.open("protected virtual void OnCompleted(string value)");
                w.line("_ = value;");
                w.close();
                w.close();
                Self::end(&mut w, block);
                self.push(format!("{}/Abstractions/{field_ty}.cs", m.dir), w.out, vec![field_ty.to_string()]);
            }
            Via::Concrete => {}
        }

        // The level itself.
        let mut w = Cs::new();
        let block = self.begin(&mut w, &m.ns, &usings);
        summary(&mut w, &format!("Step {k} of the {} pipeline.", m.name.to_lowercase()));
        let heading = match via {
            Via::Concrete => format!("public sealed class {ty}"),
            Via::NarrowInterface | Via::WideInterface => format!("public sealed class {ty} : {field_ty}"),
            Via::Override => format!("public sealed class {ty} : {field_ty}"),
        };
        w.open(&heading);
        let mut fields: Vec<(String, String)> = Vec::new();
        if let Some((next_ty, _)) = &next {
            fields.push((next_ty.clone(), "_next".into()));
        } else if form != 1 {
            fields.push(("HttpClient".into(), "_http".into()));
        }
        for (i, (ety, _)) in extra.iter().enumerate() {
            fields.push((ety.clone(), format!("_peer{i}")));
        }
        for (fty, fname) in &fields {
            w.line(&format!("private readonly {fty} {fname};"));
        }
        w.line("");
        let params: Vec<String> =
            fields.iter().map(|(fty, fname)| format!("{fty} {}", fname.trim_start_matches('_'))).collect();
        w.open(&format!("public {ty}({})", params.join(", ")));
        for (_, fname) in &fields {
            w.line(&format!("{fname} = {};", fname.trim_start_matches('_')));
        }
        w.close();
        w.line("");
        w.line("/// <inheritdoc />");
        let modifier = if via == Via::Override { "override " } else { "" };
        w.open(&format!("public {modifier}string {method}(int id)"));
        match &next {
            Some((_, next_method)) => {
                w.line(&format!("var value = _next.{next_method}(id + 1);"));
                for (i, (_, emethod)) in extra.iter().enumerate() {
                    w.line(&format!("value += _peer{i}.{emethod}(id);"));
                }
                w.line("return value.Length > 64 ? value.Substring(0, 64) : value;");
            }
            None => match form {
                0 => w.line("return _http.GetStringAsync($\"items/{id}\").Result;"),
                1 => {
                    w.line("var pending = Task.Delay(id % 5);");
                    w.line("pending.Wait();");
                    w.line("return id.ToString();");
                }
                2 => w.line("return _http.GetStringAsync($\"items/{id}\").GetAwaiter().GetResult();"),
                _ => w.line(
                    "return _http.GetStringAsync($\"items/{id}\").ConfigureAwait(false).GetAwaiter().GetResult();",
                ),
            },
        }
        w.close();
        for (name, params, ret) in &others {
            w.line("");
            w.line("/// <inheritdoc />");
            w.line(&format!("public {ret} {name}({params}){}", default_body(ret)));
        }
        let target = self.target_size(1.0);
        self.fill(&mut w, m, target, "Step");
        w.close();
        Self::end(&mut w, block);
        let file = self.push(format!("{}/Services/{ty}.cs", m.dir), w.out, vec![ty.to_string()]);

        // Sibling implementations.
        match via {
            Via::WideInterface => {
                let stem = &field_ty[1..];
                let siblings = self.rng.range(2, 4);
                for (s, prefix) in ["InMemory", "Cached", "Logging"].iter().take(siblings).enumerate() {
                    let sibling = format!("{prefix}{stem}");
                    self.used.insert(sibling.clone());
                    let decorator = s > 0;
                    let mut w = Cs::new();
                    let block = self.begin(&mut w, &m.ns, &usings);
                    w.open(&format!("public sealed class {sibling} : {field_ty}"));
                    if decorator {
                        w.line(&format!("private readonly {field_ty} _inner;"));
                        w.line("");
                        w.line(&format!("public {sibling}({field_ty} inner) => _inner = inner;"));
                        w.line("");
                        w.line(&format!("public string {method}(int id) => _inner.{method}(id);"));
                    } else {
                        w.line(&format!("public string {method}(int id) => id.ToString();"));
                    }
                    for (name, params, ret) in &others {
                        w.line("");
                        if decorator {
                            let args = arg_names(params);
                            if *ret == "void" {
                                w.line(&format!("public void {name}({params}) => _inner.{name}({args});"));
                            } else {
                                w.line(&format!("public {ret} {name}({params}) => _inner.{name}({args});"));
                            }
                        } else {
                            w.line(&format!("public {ret} {name}({params}){}", default_body(ret)));
                        }
                    }
                    let target = self.target_size(0.6);
                    self.fill(&mut w, m, target, "Store");
                    w.close();
                    Self::end(&mut w, block);
                    self.push(format!("{}/Data/{sibling}.cs", m.dir), w.out, vec![sibling]);
                }
                self.out.wide_interfaces.push(WideInfo {
                    name: field_ty.to_string(),
                    members: others.len() + 1,
                    implementations: siblings + 1,
                });
            }
            Via::Override => {
                for _ in 0..self.rng.range(2, 6) {
                    let sibling = self.fresh("Variant");
                    let mut w = Cs::new();
                    let block = self.begin(&mut w, &m.ns, &usings);
                    w.open(&format!("public sealed class {sibling} : {field_ty}"));
                    w.line(&format!("public override string {method}(int id) => Describe(id);"));
                    w.line("");
                    w.open("protected override void OnCompleted(string value)");
                    w.line("base.OnCompleted(value.Trim());");
                    w.close();
                    let target = self.target_size(0.6);
                    self.fill(&mut w, m, target, "Variant");
                    w.close();
                    Self::end(&mut w, block);
                    self.push(format!("{}/Services/{sibling}.cs", m.dir), w.out, vec![sibling]);
                }
            }
            _ => {}
        }
        file
    }

    /// `count` interface members besides `taken` (string/int/bool/void/list shapes; `Create` overloads).
    fn members(&mut self, taken: &str, count: usize) -> Vec<(String, &'static str, &'static str)> {
        const SHAPES: &[(&str, &str)] = &[
            ("int id", "string"),
            ("string key", "int"),
            ("int id, string key", "bool"),
            ("string value", "void"),
            ("int page, int size", "IReadOnlyList<string>"),
        ];
        let mut seen: BTreeSet<(String, usize)> = BTreeSet::new();
        seen.insert((taken.to_string(), 1));
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let (params, ret) = *self.rng.pick(SHAPES);
            let arity = params.split(',').count();
            let name = match self.rng.below(4) {
                0 => "Create".to_string(),
                1 => self.rng.pick(COMMON).to_string(),
                _ => format!("{}{}", self.rng.pick(COMMON), self.rng.pick(NOUNS)),
            };
            if seen.insert((name.clone(), arity)) {
                out.push((name, params, ret));
            }
        }
        out
    }

    // -----------------------------------------------------------------------------------------------------------
    // Token holders: controller → service → middle layers → repository → I/O.

    fn token_stack(&mut self, m: &mut Module) {
        let stem = self.fresh_stem(&["Service", "Repository", "IService", "IRepository"]);
        let usings = self.module_usings();
        let middles = match self.rng.unit() {
            u if u < 0.4 => 0,
            u if u < 0.7 => 1,
            u if u < 0.9 => 2,
            _ => 3,
        };
        // Layers from the service down to the repository: (type, interface if any).
        let mut layers: Vec<(String, Option<String>)> = Vec::new();
        let service = format!("{stem}Service");
        self.used.insert(service.clone());
        layers.push((service.clone(), Some(format!("I{service}"))));
        for _ in 0..middles {
            let role = *self.rng.pick(MIDDLE_ROLES);
            let ty = self.fresh(role);
            let iface = self.rng.chance(0.4).then(|| format!("I{ty}"));
            layers.push((ty, iface));
        }
        let repository = format!("{stem}Repository");
        self.used.insert(repository.clone());
        layers.push((repository, Some(format!("I{stem}Repository"))));
        // Operations: each read action calls one method per layer.
        let ops = self.rng.range(2, 5);
        let names: Vec<Vec<String>> = (0..ops)
            .map(|o| {
                (0..layers.len())
                    .map(|_| {
                        let base = self.rng.pick(ASYNC_COMMON).trim_end_matches("Async").to_string();
                        format!("{base}{}{o}Async", self.rng.pick(NOUNS))
                    })
                    .collect()
            })
            .collect();
        for l in 0..layers.len() {
            let (ty, iface) = layers[l].clone();
            let below = layers.get(l + 1).map(|(t, i)| i.clone().unwrap_or_else(|| t.clone()));
            if let Some(iface) = &iface {
                let mut w = Cs::new();
                let block = self.begin(&mut w, &m.ns, &usings);
                w.open(&format!("public interface {iface}"));
                for (o, per_layer) in names.iter().enumerate() {
                    if o > 0 {
                        w.line("");
                    }
                    w.line(&format!("Task<string> {}(int id);", per_layer[l]));
                }
                w.close();
                Self::end(&mut w, block);
                self.push(format!("{}/Abstractions/{iface}.cs", m.dir), w.out, vec![iface.clone()]);
            }
            let mut w = Cs::new();
            let block = self.begin(&mut w, &m.ns, &usings);
            let heading = match &iface {
                Some(i) => format!("public sealed class {ty} : {i}"),
                None => format!("public sealed class {ty}"),
            };
            w.open(&heading);
            let field = match &below {
                Some(b) => format!("{b} _next"),
                None => "HttpClient _http".into(),
            };
            w.line(&format!("private readonly {field};"));
            w.line("");
            let (fty, fname) = field.split_once(' ').unwrap();
            w.line(&format!("public {ty}({fty} {}) => {fname} = {};", &fname[1..], &fname[1..]));
            for (o, per_layer) in names.iter().enumerate() {
                w.line("");
                let name = &per_layer[l];
                match per_layer.get(l + 1) {
                    Some(next) if self.rng.chance(0.4) => {
                        w.line(&format!("public Task<string> {name}(int id) => _next.{next}(id);"));
                    }
                    Some(next) => {
                        w.open(&format!("public async Task<string> {name}(int id)"));
                        w.line(&format!("var value = await _next.{next}(id).ConfigureAwait(false);"));
                        w.line("return value.Trim();");
                        w.close();
                    }
                    None => {
                        w.open(&format!("public async Task<string> {name}(int id)"));
                        match (o + l) % 3 {
                            0 => w.line(&format!(
                                "return await _http.GetStringAsync($\"{}/{{id}}\");",
                                ty.to_lowercase()
                            )),
                            1 => {
                                w.line("await Task.Delay(5);");
                                w.line("return id.ToString();");
                            }
                            _ => {
                                w.line("var response = await _http.GetAsync($\"items/{id}\");");
                                w.line("return response.StatusCode.ToString();");
                            }
                        }
                        w.close();
                    }
                }
            }
            let target = self.target_size(0.9);
            self.fill(&mut w, m, target, "Layer");
            w.close();
            Self::end(&mut w, block);
            let folder = if l + 1 == layers.len() { "Data" } else { "Services" };
            self.push(format!("{}/{folder}/{ty}.cs", m.dir), w.out, vec![ty.clone()]);
        }
        // The controller.
        let controller = format!("{}Controller", plural(&stem));
        self.used.insert(controller.clone());
        let service_iface = format!("I{service}");
        let mut w = Cs::new();
        let api_ns = format!("{}.Api.Controllers", self.company);
        let block = self.begin(&mut w, &api_ns, &[m.ns.clone(), "Microsoft.AspNetCore.Mvc".into()]);
        w.line("[ApiController]");
        w.line(&format!("[Route(\"api/{}\")]", stem.to_lowercase()));
        w.open(&format!("public sealed class {controller} : ControllerBase"));
        w.line(&format!("private readonly {service_iface} _service;"));
        w.line("");
        w.line(&format!("public {controller}({service_iface} service) => _service = service;"));
        for (o, per_layer) in names.iter().enumerate() {
            w.line("");
            w.line(&format!("[HttpGet(\"{o}/{{id:int}}\")]"));
            let action = ["Get", "List", "Search", "Find", "Lookup"][o % 5];
            w.open(&format!(
                "public async Task<ActionResult<string>> {action}{o}(int id, CancellationToken cancellationToken)"
            ));
            w.line(&format!("var value = await _service.{}(id);", per_layer[0]));
            w.line("return Ok(value);");
            w.close();
            self.out.token_actions += 1;
        }
        let target = self.target_size(0.8);
        self.fill(&mut w, m, target, "Api");
        w.close();
        Self::end(&mut w, block);
        self.push(format!("src/{}.Api/Controllers/{controller}.cs", self.company), w.out, vec![controller]);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Common names: nodes with `Create` overloads, the visitor's `Visit` overloads, command handlers, models.

    fn nodes(&mut self, m: &mut Module, count: usize) {
        let usings = self.module_usings();
        let base = format!("{}Node", m.name);
        let visitor = format!("{}Visitor", m.name);
        if m.nodes.is_empty() {
            let mut w = Cs::new();
            let block = self.begin(&mut w, &m.ns, &usings);
            w.open(&format!("public abstract class {base}"));
            w.line("public int Line { get; set; }");
            w.line("");
            w.line(&format!("public abstract {base} Accept({visitor} visitor);"));
            w.close();
            Self::end(&mut w, block);
            self.used.insert(base.clone());
            self.push(format!("{}/Expressions/{base}.cs", m.dir), w.out, vec![base.clone()]);
        }
        for _ in 0..count {
            let kind = *self.rng.pick(NODE_KINDS);
            let ty = self.fresh(kind);
            let mut w = Cs::new();
            let block = self.begin(&mut w, &m.ns, &usings);
            summary(&mut w, &format!("A {} in the {} tree.", kind.to_lowercase(), m.name.to_lowercase()));
            w.open(&format!("public sealed class {ty} : {base}"));
            w.lines(&format!(
                "public {ty}(int id, string name)\n{{\n    Id = id;\n    Name = name;\n}}\n\npublic int Id {{ get; }}\n\npublic string Name {{ get; }}\n\npublic static {ty} Create(int id) => new {ty}(id, string.Empty);\n\npublic static {ty} Create(int id, string name) => new {ty}(id, name);\n\npublic override {base} Accept({visitor} visitor) => visitor.Visit(this);\n\npublic {ty} Update(string name) => name == Name ? this : Create(Id, name);"
            ));
            let target = self.target_size(0.4);
            let m_ref: &Module = m;
            self.fill(&mut w, m_ref, target, "Node");
            w.close();
            Self::end(&mut w, block);
            self.push(format!("{}/Expressions/{ty}.cs", m.dir), w.out, vec![ty.clone()]);
            m.nodes.push(ty);
        }
        // A derived visitor overriding some of the overloads; one in ten blocks inside an override.
        let derived = format!("{}{}Visitor", self.rng.pick(ADJECTIVES), m.name);
        if !self.used.insert(derived.clone()) {
            return;
        }
        let blocking = self.rng.chance(0.1);
        let mut w = Cs::new();
        let block = self.begin(&mut w, &m.ns, &usings);
        w.open(&format!("public sealed class {derived} : {visitor}"));
        w.line("private readonly HttpClient _http = new HttpClient();");
        let overrides = self.rng.range(3, 10).min(m.nodes.len());
        let start = self.rng.below(m.nodes.len());
        for i in 0..overrides {
            let node = &m.nodes[(start + i) % m.nodes.len()];
            w.line("");
            w.open(&format!("public override {base} Visit({node} node)"));
            if blocking && i == 0 {
                w.line("var remote = _http.GetStringAsync($\"nodes/{node.Id}\").Result;");
                w.line("return base.Visit(node.Update(remote));");
            } else {
                w.line("return base.Visit(node.Update(node.Name.Trim()));");
            }
            w.close();
        }
        let target = self.target_size(0.8);
        self.fill(&mut w, m, target, "Visitor");
        w.close();
        Self::end(&mut w, block);
        self.push(format!("{}/Visitors/{derived}.cs", m.dir), w.out, vec![derived]);
    }

    /// The module's visitor, a partial class with one `Visit` overload per node type, 40 to a file.
    fn visitor(&mut self, m: &Module) {
        let usings = self.module_usings();
        let base = format!("{}Node", m.name);
        let visitor = format!("{}Visitor", m.name);
        self.used.insert(visitor.clone());
        let parts: Vec<&[String]> = m.nodes.chunks(40).collect();
        for (p, nodes) in parts.iter().enumerate() {
            let mut w = Cs::new();
            let block = self.begin(&mut w, &m.ns, &usings);
            w.open(&format!("public abstract partial class {visitor}"));
            if p == 0 {
                w.line(&format!("public virtual {base} Visit({base} node) => node.Accept(this);"));
                w.line("");
                w.line(&format!("protected virtual {base} VisitChildren({base} node) => node;"));
            }
            for node in *nodes {
                w.line("");
                w.line(&format!("public virtual {base} Visit({node} node) => VisitChildren(node);"));
            }
            w.close();
            Self::end(&mut w, block);
            self.push(format!("{}/Visitors/{visitor}.Part{p}.cs", m.dir), w.out, vec![visitor.clone()]);
        }
    }

    fn commands(&mut self, m: &Module) {
        let usings = self.module_usings();
        let noun = *self.rng.pick(NOUNS);
        let command = self.fresh(&format!("{noun}Command"));
        let handler = format!("{command}Handler");
        self.used.insert(handler.clone());
        let mut w = Cs::new();
        let block = self.begin(&mut w, &m.ns, &usings);
        w.open(&format!("public sealed class {command}"));
        w.lines(&format!("public {command}(int id, string name)\n{{\n    Id = id;\n    Name = name;\n}}"));
        w.line("");
        w.line("public int Id { get; }");
        w.line("");
        w.line("public string Name { get; }");
        w.line("");
        w.line(&format!("public static {command} Create(int id) => new {command}(id, string.Empty);"));
        w.line("");
        w.line(&format!("public static {command} Create(int id, string name) => new {command}(id, name);"));
        w.close();
        w.line("");
        w.open(&format!("public sealed class {handler} : ICommandHandler<{command}, string>"));
        w.open(&format!("public string Handle({command} command)"));
        if let Some(node) = m.nodes.first() {
            w.line(&format!("var node = {node}.Create(command.Id, command.Name);"));
            w.line("return node.Name;");
        } else {
            w.line("return command.Name;");
        }
        w.close();
        w.line("");
        w.open(&format!("public string Handle({command} command, int retries)"));
        w.line("var result = string.Empty;");
        w.open("for (var i = 0; i <= retries; i++)");
        w.line("result = Handle(command);");
        w.close();
        w.line("return result;");
        w.close();
        w.line("");
        w.line("public bool Execute(int id) => Handle(Create(id)).Length > 0;");
        w.line("");
        w.line(&format!("private static {command} Create(int id) => {command}.Create(id);"));
        let target = self.target_size(0.7);
        self.fill(&mut w, m, target, "Command");
        w.close();
        Self::end(&mut w, block);
        self.push(format!("{}/Commands/{command}.cs", m.dir), w.out, vec![command, handler]);
    }

    fn models(&mut self, m: &Module) {
        let usings = self.module_usings();
        let suffix = *self.rng.pick(MODEL_SUFFIXES);
        let ty = self.fresh(suffix);
        let mut w = Cs::new();
        let block = self.begin(&mut w, &m.ns, &usings);
        w.open(&format!("public sealed class {ty}"));
        w.line("public string Name { get; set; } = string.Empty;");
        w.line("");
        w.line("public int Version { get; set; }");
        w.line("");
        w.line(&format!("public static {ty} Create() => new {ty}();"));
        w.line("");
        w.line(&format!("public static {ty} Create(string name) => new {ty} {{ Name = name }};"));
        w.line("");
        w.line(&format!(
            "public static {ty} Create(string name, int version) => new {ty} {{ Name = name, Version = version }};"
        ));
        w.line("");
        w.line(&format!("public {ty} Apply(string name) => Create(name, Version + 1);"));
        w.line("");
        w.line(&format!("public {ty} Build() => Create(Name, Version);"));
        let target = self.target_size(0.6);
        self.fill(&mut w, m, target, "Model");
        w.close();
        Self::end(&mut w, block);
        self.push(format!("{}/Models/{ty}.cs", m.dir), w.out, vec![ty]);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The large partial class.

    fn partial_class(&mut self, m: &mut Module, parts: usize) {
        let usings = self.module_usings();
        let ty = format!("{}QueryCompiler", m.name);
        self.used.insert(ty.clone());
        // An internal chain from Compile down to a blocking wait, spread over the parts.
        let steps = self.rng.range(8, 20);
        let step_name = |i: usize| format!("Compile{}{i}", NOUNS[i % NOUNS.len()]);
        let per_part = steps.div_ceil(parts);
        for p in 0..parts {
            let mut w = Cs::new();
            let block = self.begin(&mut w, &m.ns, &usings);
            w.open(&format!("public sealed partial class {ty}"));
            if p == 0 {
                w.line("private readonly HttpClient _http;");
                w.line("");
                w.line(&format!("public {ty}(HttpClient http) => _http = http;"));
                w.line("");
                w.line(&format!("public string Compile(int id) => {}(id);", step_name(0)));
            }
            for i in p * per_part..((p + 1) * per_part).min(steps) {
                w.line("");
                w.open(&format!("private string {}(int id)", step_name(i)));
                if i + 1 == steps {
                    w.line("return _http.GetStringAsync($\"query/{id}\").Result;");
                } else {
                    w.line(&format!("var inner = {}(id + 1);", step_name(i + 1)));
                    w.line("return inner.Length > 32 ? inner.Substring(0, 32) : inner;");
                }
                w.close();
            }
            // Many members calling each other inside the class, with overloads of common names.
            let target = self.target_size(2.5);
            let mut i = 0;
            while w.len() < target {
                w.line("");
                let noun = NOUNS[(p * 7 + i) % NOUNS.len()];
                let name = format!("Generate{noun}{p}x{i}");
                w.open(&format!("private string {name}(int depth)"));
                if i > 0 {
                    w.line(&format!(
                        "var previous = Generate{}{p}x{}(depth - 1);",
                        NOUNS[(p * 7 + i - 1) % NOUNS.len()],
                        i - 1
                    ));
                    w.line("return depth <= 0 ? string.Empty : previous + Visit(depth);");
                } else {
                    w.line("return depth <= 0 ? string.Empty : Visit(depth, \"root\");");
                }
                w.close();
                if i == 0 {
                    w.line("");
                    let label = PART_TYPES[p % PART_TYPES.len()];
                    w.line(&format!("private string Visit(int depth, {label} label) => label.ToString() + depth;"));
                    if p == 0 {
                        w.line("");
                        w.line("private string Visit(int depth) => depth.ToString();");
                    }
                }
                i += 1;
            }
            w.close();
            Self::end(&mut w, block);
            self.push(format!("{}/Query/{ty}.Part{p}.cs", m.dir), w.out, vec![ty.clone()]);
            self.out.partial_parts += 1;
        }
        m.compiler = Some(ty);
    }

    fn program(&mut self) {
        let mut w = Cs::new();
        w.line("using Microsoft.AspNetCore.Builder;");
        w.line("using Microsoft.Extensions.DependencyInjection;");
        w.line("");
        w.line("var builder = WebApplication.CreateBuilder(args);");
        w.line("builder.Services.AddControllers();");
        w.line("var app = builder.Build();");
        w.line("app.MapControllers();");
        w.line("app.Run();");
        self.push(format!("src/{}.Api/Program.cs", self.company), w.out, Vec::new());
    }
}

fn default_body(ret: &str) -> &'static str {
    match ret {
        "string" => " => string.Empty;",
        "int" => " => 0;",
        "bool" => " => false;",
        "void" => " { }",
        _ => " => Array.Empty<string>();",
    }
}

/// `int page, int size` → `page, size`.
fn arg_names(params: &str) -> String {
    params.split(", ").map(|p| p.rsplit(' ').next().unwrap_or("")).collect::<Vec<_>>().join(", ")
}

/// Writes the solution and returns the summary line.
pub(super) fn write(config: &Config) -> Result<String, String> {
    let out = &config.out;
    let g = generate(config);
    let mut rng = Rng::new(config.seed.wrapping_mul(131).wrapping_add(3));
    let mut bytes = 0usize;
    for f in &g.files {
        let crlf = rng.chance(0.3);
        let bom = rng.chance(0.2);
        bytes += write_text(&out.join(&f.path), &f.text, crlf, bom)?;
    }
    let mut sln =
        String::from("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
    let core = format!("{}.Core", g.company);
    let modules: Vec<String> = g.modules.iter().map(|m| format!("{}.{m}", g.company)).collect();
    let api = format!("{}.Api", g.company);
    let mut projects = vec![(core.clone(), library_csproj(&[]))];
    for m in &modules {
        projects.push((m.clone(), library_csproj(std::slice::from_ref(&core))));
    }
    let mut all = vec![core.clone()];
    all.extend(modules.iter().cloned());
    projects.push((api.clone(), web_csproj(&all)));
    for (i, (name, text)) in projects.iter().enumerate() {
        let rel = format!("src/{name}/{name}.csproj");
        write_text(&out.join(&rel), text, false, false)?;
        sln.push_str(&format!(
            "Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{name}\", \"{}\", \"{{{i:08X}-0000-0000-0000-000000000000}}\"\nEndProject\n",
            rel.replace('/', "\\")
        ));
    }
    write_text(&out.join(format!("{}.sln", g.company)), &sln, true, true)?;
    let depths: Vec<usize> = g.chains.iter().map(|c| c.levels.len()).collect();
    let widest = g.wide_interfaces.iter().map(|w| w.members).max().unwrap_or(0);
    Ok(format!(
        "gen-solution (callgraph): {} .cs files, {:.1} MB, {} module(s); {} sync-over-async chains of {}–{} calls, {} wide interfaces (up to {} members), {} token-taking actions, {} partial-class files",
        g.files.len(),
        bytes as f64 / 1e6,
        g.modules.len(),
        g.chains.len(),
        depths.iter().min().unwrap_or(&0),
        depths.iter().max().unwrap_or(&0),
        g.wide_interfaces.len(),
        widest,
        g.token_actions,
        g.partial_parts,
    ))
}

fn library_csproj(references: &[String]) -> String {
    let mut s = csproj(false, false);
    if !references.is_empty() {
        let items: String =
            references.iter().map(|r| format!("    <ProjectReference Include=\"..\\{r}\\{r}.csproj\" />\n")).collect();
        s = s.replace("</Project>\n", &format!("  <ItemGroup>\n{items}  </ItemGroup>\n\n</Project>\n"));
    }
    s
}

fn web_csproj(references: &[String]) -> String {
    library_csproj(references).replace("Microsoft.NET.Sdk\"", "Microsoft.NET.Sdk.Web\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(files: usize, seed: u64) -> Config {
        let args: Vec<String> =
            ["--shape", "callgraph", "--files", &files.to_string(), "--seed", &seed.to_string(), "x"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        Config::parse(&args).unwrap()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let texts = |c: &Config| generate(c).files.into_iter().map(|f| (f.path, f.text)).collect::<Vec<_>>();
        let a = texts(&config(400, 3));
        assert_eq!(a, texts(&config(400, 3)));
        assert_ne!(a, texts(&config(400, 4)));
    }

    #[test]
    fn file_count_follows_files() {
        for n in [300, 1500, 4000] {
            let got = generate(&config(n, 1)).files.len() as f64;
            assert!((got - n as f64).abs() / (n as f64) < 0.05, "{got} files for --files {n}");
        }
    }

    #[test]
    fn chains_have_the_requested_depth_and_each_level_calls_the_next() {
        let mut c = config(1500, 2);
        c.chain_depth = (12, 30);
        let g = generate(&c);
        assert!(g.chains.len() >= 10, "{} chains", g.chains.len());
        let mut depths = BTreeSet::new();
        for chain in &g.chains {
            let depth = chain.levels.len();
            assert!((12..=30).contains(&depth), "depth {depth}");
            depths.insert(depth);
            for pair in chain.levels.windows(2) {
                let (file, ty, _) = &pair[0];
                let (next_file, next_ty, next_method) = &pair[1];
                let text = &g.files[*file].text;
                assert!(g.files[*file].declares.contains(ty));
                assert!(g.files[*next_file].declares.contains(next_ty));
                assert!(
                    text.contains(&format!("_next.{next_method}(id")),
                    "{ty} does not call {next_ty}.{next_method}"
                );
            }
            let (bottom, ..) = chain.levels.last().unwrap();
            let text = &g.files[*bottom].text;
            assert!(
                [".Result;", ".Wait();", ".GetResult();"].iter().any(|w| text.contains(w)),
                "the bottom of a chain blocks"
            );
        }
        assert!(depths.len() > 5, "depths vary: {depths:?}");
    }

    #[test]
    fn wide_interfaces_common_names_and_partial_classes() {
        let g = generate(&config(4000, 5));
        assert!(!g.wide_interfaces.is_empty());
        for w in &g.wide_interfaces {
            assert!((20..=50).contains(&w.members), "{} has {} members", w.name, w.members);
            assert!(w.implementations >= 3);
        }
        let count = |needle: &str| g.files.iter().filter(|f| f.text.contains(needle)).count();
        // Hundreds of types declare the same few names.
        assert!(count(" Create(int id") >= 300, "Create in {}", count(" Create(int id"));
        assert!(count(" Visit(") >= 100, "Visit in {}", count(" Visit("));
        assert!(count(" Handle(") >= 100, "Handle in {}", count(" Handle("));
        assert!(count("public string Execute(int id)") + count("public override string Execute(int id)") >= 15);
        assert!(g.partial_parts >= 5 * g.modules.len());
        assert!(g.token_actions >= 200, "{} token actions", g.token_actions);
    }

    #[test]
    fn every_file_parses_without_errors() {
        let g = generate(&config(800, 9));
        for f in &g.files {
            let tree = asyncmod::syntax::parse(&f.text);
            assert!(!tree.root_node().has_error(), "{} does not parse:\n{}", f.path.display(), f.text);
        }
    }
}
