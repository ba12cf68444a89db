//! gen-solution: writes a deterministic synthetic C# solution for benchmarks and tests.
//!
//! `cargo run --release --bin gen-solution -- --files 5000 --seed 1 OUT`
//!
//! The solution looks like a line-of-business code base: one project per module, and per entity a model, a
//! DTO, an enum, repository and service interfaces with their implementations, a controller, a validator,
//! mappings, options, an exception, tests, and sometimes a background worker and a notifier. Services depend
//! on other entities' services, so sync and async call chains cross files. Files carry XML doc comments,
//! attributes, `#region`s, some `#if DEBUG`; line endings are LF or CRLF, some files start with a BOM, a few
//! are generated code. Sizes vary around `--avg-kb` (12 KB by default).
//!
//! Anti-patterns of every transform are planted in a chosen share of the files (`--density`): blocking waits
//! (`.Result`, `.Wait()`, `.GetAwaiter().GetResult()`, `Task.WaitAll`, `Thread.Sleep` in async code), `async
//! void` methods, handlers and `ForEach(async ...)` lambdas, unbounded `Task.WhenAll` / `Parallel.ForEach`
//! fan-out; and `CancellationToken`s in another share (`--tokens`). The default matches real code (about 2 %
//! and 10 % of files); `--density dense` plants sites in 25 % of files (and tokens in 40 %), to measure the
//! transforms themselves. Realistic negatives give the prefilter false candidates: `.Result` of non-task
//! types, `Wait`/`Result`/`Sleep` in comments and identifiers, `async` in prose.
//!
//! `--shape callgraph` writes another kind of solution instead, shaped like the large real code bases where
//! planning costs the most: deep sync-over-async chains across files, wide interfaces, override hierarchies,
//! token-taking controller actions far above their I/O, and the same method names on hundreds of types
//! (`tools/src/gen_solution/callgraph.rs`).
//!
//! The same arguments always give the same bytes (own PRNG, no hash-order dependence).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "../gen_solution/callgraph.rs"]
mod callgraph;

const USAGE: &str = "\
usage: gen-solution [--files N] [--seed S] [--density default|dense|none|FRACTION] [--tokens FRACTION]
                    [--avg-kb KB] [--shape default|callgraph] [--chain-depth MIN-MAX] OUT

Writes a synthetic C# solution of about N .cs files (default 1000) into OUT (created; must be empty or absent).
--density   share of files holding a blocking wait, async void or fan-out site (default 0.02; dense: 0.25)
--tokens    share of files mentioning CancellationToken (default 0.10; 0.40 with --density dense)
--avg-kb    average file size in KB (default 12)
--shape     default: line-of-business entities (the options above); callgraph: big call graphs (deep
            sync-over-async chains, wide interfaces, overrides, token-taking actions, common method names)
--chain-depth  callgraph: calls from an action down to its blocking wait (default 10-40)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gen-solution: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match write_solution(&config) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-solution: {e}");
            ExitCode::from(1)
        }
    }
}

#[derive(Clone, Debug)]
struct Config {
    files: usize,
    seed: u64,
    /// Share of files with a blocking-wait, async-void or fan-out site.
    density: f64,
    /// Share of files mentioning `CancellationToken`.
    tokens: f64,
    /// Share of files with negatives (words the prefilter matches, no site).
    negatives: f64,
    avg_bytes: usize,
    shape: Shape,
    /// `--shape callgraph`: the fewest and most calls from a controller action down to its blocking wait.
    chain_depth: (usize, usize),
    out: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Default,
    CallGraph,
}

impl Config {
    fn parse(args: &[String]) -> Result<Config, String> {
        let mut c = Config {
            files: 1000,
            seed: 1,
            density: 0.02,
            tokens: 0.10,
            negatives: 0.03,
            avg_bytes: 12 * 1024,
            shape: Shape::Default,
            chain_depth: (10, 40),
            out: PathBuf::new(),
        };
        let mut tokens_set = false;
        let mut out = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
            match a.as_str() {
                "--files" => c.files = value(a)?.parse().map_err(|_| "--files takes a number")?,
                "--seed" => c.seed = value(a)?.parse().map_err(|_| "--seed takes a number")?,
                "--density" => {
                    let v = value(a)?;
                    c.density = match v.as_str() {
                        "default" => 0.02,
                        "dense" => {
                            if !tokens_set {
                                c.tokens = 0.4;
                            }
                            0.25
                        }
                        "none" => 0.0,
                        f => f.parse().map_err(|_| "--density takes default, dense, none or a fraction")?,
                    };
                }
                "--tokens" => {
                    c.tokens = value(a)?.parse().map_err(|_| "--tokens takes a fraction")?;
                    tokens_set = true;
                }
                "--avg-kb" => {
                    let kb: f64 = value(a)?.parse().map_err(|_| "--avg-kb takes a number")?;
                    c.avg_bytes = (kb * 1024.0) as usize;
                }
                "--shape" => {
                    c.shape = match value(a)?.as_str() {
                        "default" => Shape::Default,
                        "callgraph" => Shape::CallGraph,
                        _ => return Err("--shape takes default or callgraph".into()),
                    }
                }
                "--chain-depth" => {
                    let v = value(a)?;
                    let (lo, hi) = v.split_once('-').unwrap_or((&v, &v));
                    let parse = |s: &str| s.parse::<usize>().map_err(|_| "--chain-depth takes MIN-MAX, e.g. 10-40");
                    c.chain_depth = (parse(lo)?, parse(hi)?);
                    if c.chain_depth.0 < 2 || c.chain_depth.0 > c.chain_depth.1 {
                        return Err("--chain-depth needs 2 <= MIN <= MAX".into());
                    }
                }
                "-h" | "--help" => return Err("help".into()),
                s if s.starts_with('-') => return Err(format!("unknown option {s}")),
                s => out = Some(PathBuf::from(s)),
            }
        }
        c.out = out.ok_or("missing OUT folder")?;
        if c.files < 20 {
            return Err("--files must be at least 20".into());
        }
        if c.shape == Shape::CallGraph && c.files < 100 {
            return Err("--shape callgraph needs --files 100 or more".into());
        }
        if !(0.0..=1.0).contains(&c.density) || !(0.0..=1.0).contains(&c.tokens) {
            return Err("--density and --tokens are fractions between 0 and 1".into());
        }
        Ok(c)
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: splitmix64, so the output never depends on a crate's algorithm choices.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A standard normal deviate (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary.

const COMPANIES: &[&str] =
    &["Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware", "Adatum", "Proseware"];

const MODULES: &[&str] = &[
    "Billing",
    "Catalog",
    "Shipping",
    "Identity",
    "Inventory",
    "Ordering",
    "Payments",
    "Reporting",
    "Notifications",
    "Scheduling",
    "Pricing",
    "Customers",
    "Analytics",
    "Fulfillment",
    "Support",
    "Compliance",
    "Documents",
    "Search",
    "Loyalty",
    "Procurement",
    "Logistics",
    "Marketing",
    "Accounting",
    "Payroll",
    "Warehousing",
    "Returns",
    "Subscriptions",
    "Partners",
    "Auditing",
    "Onboarding",
];

const NOUNS: &[&str] = &[
    "Order",
    "Invoice",
    "Payment",
    "Shipment",
    "Product",
    "Customer",
    "Account",
    "Ledger",
    "Warehouse",
    "Carrier",
    "Coupon",
    "Discount",
    "Refund",
    "Subscription",
    "Plan",
    "Quote",
    "Contract",
    "Vendor",
    "Supplier",
    "Category",
    "Review",
    "Rating",
    "Ticket",
    "Agent",
    "Report",
    "Metric",
    "Schedule",
    "Slot",
    "Route",
    "Parcel",
    "Address",
    "Region",
    "Currency",
    "Rate",
    "Tariff",
    "Batch",
    "Lot",
    "Bin",
    "Pallet",
    "Manifest",
    "Claim",
    "Policy",
    "Member",
    "Reward",
    "Voucher",
    "Document",
    "Template",
    "Signature",
    "Audit",
    "Alert",
    "Channel",
    "Message",
    "Session",
    "Device",
    "Location",
    "Employee",
    "Department",
    "Budget",
    "Forecast",
    "Campaign",
    "Lead",
    "Opportunity",
    "Asset",
    "License",
    "Tenant",
    "Profile",
    "Preference",
    "Attachment",
    "Comment",
    "Label",
    "Workflow",
    "Approval",
];

const PREFIXES: &[&str] = &[
    "",
    "Archived",
    "Pending",
    "Regional",
    "Vendor",
    "Internal",
    "External",
    "Daily",
    "Monthly",
    "Shared",
    "Legacy",
    "Premium",
    "Bulk",
    "Draft",
    "Recurring",
    "Scheduled",
    "Tax",
    "Gift",
    "Partner",
    "Seasonal",
    "Priority",
    "Local",
];

const ADJECTIVES: &[&str] = &[
    "Weighted",
    "Adjusted",
    "Effective",
    "Projected",
    "Normalized",
    "Rolling",
    "Expected",
    "Net",
    "Gross",
    "Average",
    "Peak",
    "Minimum",
    "Current",
    "Previous",
    "Blended",
    "Estimated",
];

const MEASURES: &[&str] = &[
    "Score", "Margin", "Total", "Cost", "Weight", "Duration", "Ratio", "Volume", "Balance", "Quota", "Delay", "Yield",
];

const VERBS: &[&str] = &[
    "Recalculate",
    "Reconcile",
    "Normalize",
    "Archive",
    "Refresh",
    "Rebuild",
    "Merge",
    "Validate",
    "Publish",
    "Enrich",
    "Summarize",
    "Expire",
    "Replay",
    "Reindex",
    "Export",
    "Import",
];

// ---------------------------------------------------------------------------------------------------------------
// The plan: entities, their dependencies, and every file with what goes in it.

#[derive(Clone, Debug)]
struct Entity {
    name: String,
    plural: String,
    /// camelCase name, for locals and fields.
    var: String,
    module: usize,
    /// Entities whose services this entity's service uses.
    deps: Vec<usize>,
    tokens: bool,
    has_worker: bool,
    has_notifier: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Model,
    Dto,
    Status,
    RepositoryInterface,
    Repository,
    ServiceInterface,
    Service,
    Controller,
    Validator,
    Mappings,
    Options,
    Exception,
    Tests,
    Worker,
    Notifier,
}

impl Kind {
    /// Relative size (before normalizing so that files average `avg_bytes`).
    fn weight(self) -> f64 {
        match self {
            Kind::Model => 0.55,
            Kind::Dto => 0.25,
            Kind::Status => 0.12,
            Kind::RepositoryInterface | Kind::ServiceInterface => 0.35,
            Kind::Repository => 1.4,
            Kind::Service => 2.6,
            Kind::Controller => 1.7,
            Kind::Validator => 0.9,
            Kind::Mappings => 0.8,
            Kind::Options => 0.3,
            Kind::Exception => 0.2,
            Kind::Tests => 1.9,
            Kind::Worker => 1.1,
            Kind::Notifier => 0.9,
        }
    }
}

/// An anti-pattern planted in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Site {
    /// `FindX(id) => GetXAsync(id).Result` and friends in a service's sync wrapper.
    WaitInService(WaitForm),
    /// A sync controller action blocking on the service.
    WaitInController,
    /// A blocking count for legacy callers in a repository.
    WaitInRepository,
    /// `Thread.Sleep` in an async method, `Task.WaitAll` of two tasks.
    SleepOrWaitAllInWorker,
    /// `.Result` / `.Wait()` in a test.
    WaitInTest,
    /// `public async void WarmXCache()`, declared `void` by the interface and called by the controller.
    AsyncVoidInService,
    /// An event handler (left alone) and a `ForEach(async ...)` lambda (reported).
    AsyncVoidInNotifier,
    /// `async void` xunit test.
    AsyncVoidTest,
    /// `Task.WhenAll(ids.Select(...))` over an unbounded list.
    FanOutInService,
    /// `Parallel.ForEach` with an async lambda, `Task.WhenAll` of a projection.
    FanOutInWorker,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WaitForm {
    Result,
    GetResult,
    ConfigureAwaitGetResult,
    Wait,
}

#[derive(Clone, Debug)]
struct FilePlan {
    entity: usize,
    kind: Kind,
    path: PathBuf,
    site: Option<Site>,
    negative: bool,
    crlf: bool,
    bom: bool,
    target: usize,
    /// Has `#if DEBUG` blocks.
    conditional: bool,
}

struct Solution {
    company: String,
    entities: Vec<Entity>,
    modules: Vec<String>,
    files: Vec<FilePlan>,
    /// Generated files (auto-generated header), written as-is.
    generated: usize,
}

const KINDS_ALWAYS: &[Kind] = &[
    Kind::Model,
    Kind::Dto,
    Kind::Status,
    Kind::RepositoryInterface,
    Kind::Repository,
    Kind::ServiceInterface,
    Kind::Service,
    Kind::Controller,
    Kind::Validator,
    Kind::Mappings,
    Kind::Options,
    Kind::Exception,
    Kind::Tests,
];

fn plan(config: &Config) -> Solution {
    let mut rng = Rng::new(config.seed);
    let company = rng.pick(COMPANIES).to_string();
    // About 13.2 files per entity (workers and notifiers on some); a few shared files per project.
    let entity_count = ((config.files as f64) / 13.4).round().max(2.0) as usize;
    let module_count = entity_count.div_ceil(40).max(1);
    let modules: Vec<String> = (0..module_count)
        .map(|i| {
            let base = MODULES[i % MODULES.len()];
            if i < MODULES.len() {
                base.to_string()
            } else {
                format!("{base}{}", i / MODULES.len() + 1)
            }
        })
        .collect();

    // Unique names: noun, then prefix + noun, then module + prefix + noun.
    let mut combos: Vec<(usize, usize)> =
        (0..PREFIXES.len()).flat_map(|p| (0..NOUNS.len()).map(move |n| (p, n))).collect();
    rng.shuffle(&mut combos[NOUNS.len()..]);
    let mut entities = Vec::with_capacity(entity_count);
    for i in 0..entity_count {
        let (p, n) = combos[i % combos.len()];
        let module = i % module_count;
        let mut name = format!("{}{}", PREFIXES[p], NOUNS[n]);
        if i >= combos.len() {
            name = format!("{}{name}", modules[module]);
        }
        let var = format!("{}{}", name[..1].to_lowercase(), &name[1..]);
        let plural = plural(&name);
        entities.push(Entity {
            name,
            plural,
            var,
            module,
            deps: Vec::new(),
            tokens: false,
            has_worker: rng.chance(0.12),
            has_notifier: rng.chance(0.08),
        });
    }
    for i in 0..entity_count {
        let n = rng.range(0, 3).min(entity_count - 1);
        let mut deps: Vec<usize> = Vec::new();
        while deps.len() < n {
            // Mostly within the module, sometimes across.
            let j = if rng.chance(0.7) {
                let same: Vec<usize> =
                    (0..entity_count).filter(|&j| entities[j].module == entities[i].module).collect();
                *rng.pick(&same)
            } else {
                rng.below(entity_count)
            };
            if j != i && !deps.contains(&j) {
                deps.push(j);
            } else if entity_count <= 2 {
                break;
            }
        }
        entities[i].deps = deps;
    }

    // Files.
    let mut files = Vec::new();
    for (e, ent) in entities.iter().enumerate() {
        let mut kinds: Vec<Kind> = KINDS_ALWAYS.to_vec();
        if ent.has_worker {
            kinds.push(Kind::Worker);
        }
        if ent.has_notifier {
            kinds.push(Kind::Notifier);
        }
        for kind in kinds {
            let path = file_path(&company, &modules[ent.module], ent, kind);
            files.push(FilePlan {
                entity: e,
                kind,
                path,
                site: None,
                negative: false,
                crlf: false,
                bom: false,
                target: 0,
                conditional: false,
            });
        }
    }

    // Sites: exactly round(density × files), on eligible files.
    let total = files.len();
    let mut want_sites = (config.density * total as f64).round() as usize;
    let mut order: Vec<usize> = (0..total).collect();
    rng.shuffle(&mut order);
    for &f in &order {
        if want_sites == 0 {
            break;
        }
        let roll = rng.unit();
        let site = match files[f].kind {
            Kind::Service if roll < 0.55 => Some(Site::WaitInService(*rng.pick(&[
                WaitForm::Result,
                WaitForm::GetResult,
                WaitForm::ConfigureAwaitGetResult,
                WaitForm::Wait,
            ]))),
            Kind::Service if roll < 0.78 => Some(Site::AsyncVoidInService),
            Kind::Service => Some(Site::FanOutInService),
            Kind::Controller => Some(Site::WaitInController),
            Kind::Repository => Some(Site::WaitInRepository),
            Kind::Worker if roll < 0.5 => Some(Site::SleepOrWaitAllInWorker),
            Kind::Worker => Some(Site::FanOutInWorker),
            Kind::Tests if roll < 0.6 => Some(Site::WaitInTest),
            Kind::Tests => Some(Site::AsyncVoidTest),
            Kind::Notifier => Some(Site::AsyncVoidInNotifier),
            _ => None,
        };
        if site.is_some() {
            files[f].site = site;
            want_sites -= 1;
        }
    }

    // Tokens: whole entities, until the share of files mentioning CancellationToken is reached.
    let want_token_files = (config.tokens * total as f64).round() as usize;
    let mut token_files = files.iter().filter(|f| mentions_token_anyway(f)).count();
    let mut ents: Vec<usize> = (0..entity_count).collect();
    rng.shuffle(&mut ents);
    for e in ents {
        if token_files >= want_token_files {
            break;
        }
        entities[e].tokens = true;
        token_files = files.iter().filter(|f| mentions_token(f, &entities[f.entity])).count();
    }

    // Negatives, line endings, BOM, sizes.
    let mean_weight: f64 = files.iter().map(|f| f.kind.weight()).sum::<f64>() / total as f64;
    for f in files.iter_mut() {
        f.negative = rng.chance(config.negatives);
        f.crlf = rng.chance(0.3);
        f.bom = rng.chance(0.2);
        f.conditional = rng.chance(0.05);
        let sigma = 0.7;
        let spread = (sigma * rng.normal() - sigma * sigma / 2.0).exp();
        let target = config.avg_bytes as f64 * f.kind.weight() / mean_weight * spread;
        f.target = target.clamp(300.0, 400_000.0) as usize;
    }
    let generated = (total / 150).max(1);
    Solution { company, entities, modules, files, generated }
}

fn plural(name: &str) -> String {
    if let Some(stem) = name.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if name.ends_with('s') || name.ends_with('x') || name.ends_with("ch") || name.ends_with("sh") {
        return format!("{name}es");
    }
    format!("{name}s")
}

fn file_path(company: &str, module: &str, e: &Entity, kind: Kind) -> PathBuf {
    let project = format!("{company}.{module}");
    let (dir, file) = match kind {
        Kind::Model => ("Domain", format!("{}.cs", e.name)),
        Kind::Dto => ("Contracts/Dtos", format!("{}Dto.cs", e.name)),
        Kind::Status => ("Domain", format!("{}Status.cs", e.name)),
        Kind::RepositoryInterface => ("Contracts", format!("I{}Repository.cs", e.name)),
        Kind::Repository => ("Data", format!("{}Repository.cs", e.name)),
        Kind::ServiceInterface => ("Contracts", format!("I{}Service.cs", e.name)),
        Kind::Service => ("Services", format!("{}Service.cs", e.name)),
        Kind::Controller => ("Controllers", format!("{}Controller.cs", e.plural)),
        Kind::Validator => ("Validation", format!("{}Validator.cs", e.name)),
        Kind::Mappings => ("Mapping", format!("{}Mappings.cs", e.name)),
        Kind::Options => ("Configuration", format!("{}Options.cs", e.name)),
        Kind::Exception => ("Domain/Exceptions", format!("{}NotFoundException.cs", e.name)),
        Kind::Worker => ("Workers", format!("{}SyncWorker.cs", e.name)),
        Kind::Notifier => ("Notifications", format!("{}Notifier.cs", e.name)),
        Kind::Tests => {
            return PathBuf::from("tests")
                .join(format!("{project}.Tests"))
                .join("Services")
                .join(format!("{}ServiceTests.cs", e.name));
        }
    };
    PathBuf::from("src").join(&project).join(dir).join(file)
}

fn mentions_token_anyway(f: &FilePlan) -> bool {
    f.kind == Kind::Worker
}

fn mentions_token(f: &FilePlan, e: &Entity) -> bool {
    mentions_token_anyway(f)
        || (e.tokens
            && matches!(
                f.kind,
                Kind::RepositoryInterface
                    | Kind::Repository
                    | Kind::ServiceInterface
                    | Kind::Service
                    | Kind::Controller
                    | Kind::Tests
            ))
}

// ---------------------------------------------------------------------------------------------------------------
// Writing C#.

/// Builds one file's text with LF; the line-ending and BOM choices are applied when it is written.
struct Cs {
    out: String,
    indent: usize,
}

impl Cs {
    fn new() -> Cs {
        Cs { out: String::with_capacity(16 * 1024), indent: 0 }
    }

    fn line(&mut self, s: &str) {
        if s.is_empty() {
            self.out.push('\n');
            return;
        }
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// Several lines at the current indentation (each line of `s`; relative indentation kept).
    fn lines(&mut self, s: &str) {
        for l in s.lines() {
            self.line(l);
        }
    }

    fn open(&mut self, s: &str) {
        self.line(s);
        self.line("{");
        self.indent += 1;
    }

    fn close(&mut self) {
        self.indent -= 1;
        self.line("}");
    }

    fn len(&self) -> usize {
        self.out.len()
    }
}

/// What a file needs to know to be written.
struct Ctx<'a> {
    sol: &'a Solution,
    e: &'a Entity,
    f: &'a FilePlan,
    ns: String,
}

impl Ctx<'_> {
    fn dep(&self, i: usize) -> &Entity {
        &self.sol.entities[self.e.deps[i]]
    }

    fn ns_of(&self, e: &Entity) -> String {
        format!("{}.{}", self.sol.company, self.sol.modules[e.module])
    }

    /// `, CancellationToken cancellationToken = default` when the entity uses tokens.
    fn ct_param(&self) -> &'static str {
        if self.e.tokens {
            ", CancellationToken cancellationToken = default"
        } else {
            ""
        }
    }

    fn ct_arg(&self) -> &'static str {
        if self.e.tokens {
            ", cancellationToken"
        } else {
            ""
        }
    }
}

fn render(sol: &Solution, f: &FilePlan, rng: &mut Rng) -> String {
    let e = &sol.entities[f.entity];
    let ns = format!("{}.{}", sol.company, sol.modules[e.module]);
    let cx = Ctx { sol, e, f, ns };
    let mut w = Cs::new();
    if rng.chance(0.25) {
        w.line(&format!("// Copyright (c) {} Ltd. All rights reserved.", sol.company));
        w.line("// Licensed under the MIT License. See LICENSE in the repository root.");
        w.line("");
    }
    match f.kind {
        Kind::Model => model(&cx, &mut w, rng),
        Kind::Dto => dto(&cx, &mut w),
        Kind::Status => status(&cx, &mut w),
        Kind::RepositoryInterface => repository_interface(&cx, &mut w),
        Kind::Repository => repository(&cx, &mut w, rng),
        Kind::ServiceInterface => service_interface(&cx, &mut w),
        Kind::Service => service(&cx, &mut w, rng),
        Kind::Controller => controller(&cx, &mut w, rng),
        Kind::Validator => validator(&cx, &mut w, rng),
        Kind::Mappings => mappings(&cx, &mut w, rng),
        Kind::Options => options(&cx, &mut w),
        Kind::Exception => exception(&cx, &mut w),
        Kind::Tests => tests(&cx, &mut w, rng),
        Kind::Worker => worker(&cx, &mut w, rng),
        Kind::Notifier => notifier(&cx, &mut w, rng),
    }
    w.out
}

fn usings(w: &mut Cs, list: &[&str]) {
    for u in list {
        w.line(&format!("using {u};"));
    }
    w.line("");
}

fn summary(w: &mut Cs, text: &str) {
    w.line("/// <summary>");
    w.line(&format!("/// {text}"));
    w.line("/// </summary>");
}

fn model(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    usings(w, &["System", "System.Collections.Generic"]);
    w.line(&format!("namespace {}.Domain;", cx.ns));
    w.line("");
    summary(w, &format!("A {} as stored by the {} module.", words(&e.name), cx.sol.modules[e.module]));
    w.open(&format!("public class {}", e.name));
    w.lines(&format!(
        "public Guid Id {{ get; set; }}\n\npublic string Name {{ get; set; }} = string.Empty;\n\npublic {0}Status Status {{ get; set; }} = {0}Status.Active;\n\npublic decimal Amount {{ get; set; }}\n\npublic DateTime CreatedAt {{ get; set; }}\n\npublic DateTime UpdatedAt {{ get; set; }}\n\npublic bool IsActive => Status == {0}Status.Active;",
        e.name
    ));
    if cx.f.negative {
        // Not a task: `.Result` of this type is left alone, but the prefilter matches it.
        w.line("");
        summary(w, "Result of the last validation run (Wait states are recorded separately).");
        w.line(&format!("public {0}ValidationOutcome Result {{ get; set; }} = {0}ValidationOutcome.Unknown;", e.name));
    }
    let mut i = 0;
    while w.len() < cx.f.target {
        w.line("");
        filler_property(w, rng, i);
        i += 1;
        if i % 4 == 0 {
            w.line("");
            filler_sync_method(cx, w, rng, i);
        }
    }
    w.close();
    if cx.f.negative {
        w.line("");
        w.line(&format!("public enum {}ValidationOutcome", e.name));
        w.line("{");
        w.line("    Unknown,");
        w.line("    Passed,");
        w.line("    Failed,");
        w.line("}");
    }
}

fn dto(cx: &Ctx, w: &mut Cs) {
    let e = cx.e;
    usings(w, &["System"]);
    w.line(&format!("namespace {}.Contracts.Dtos;", cx.ns));
    w.line("");
    summary(w, &format!("The {} exposed by the API.", words(&e.name)));
    w.line(&format!(
        "public sealed record {}Dto(Guid Id, string Name, decimal Amount, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt);",
        e.name
    ));
    let mut i = 0;
    while w.len() < cx.f.target {
        w.line("");
        w.line(&format!(
            "public sealed record {}{}Summary{i}(Guid Id, string Label, decimal {}, int Count);",
            e.name,
            ADJECTIVES[i % ADJECTIVES.len()],
            MEASURES[i % MEASURES.len()]
        ));
        i += 1;
    }
}

fn status(cx: &Ctx, w: &mut Cs) {
    w.line(&format!("namespace {}.Domain;", cx.ns));
    w.line("");
    summary(w, &format!("Lifecycle of a {}.", words(&cx.e.name)));
    w.open(&format!("public enum {}Status", cx.e.name));
    for s in ["Active", "Suspended", "Archived", "Deleted"] {
        w.line(&format!("{s},"));
    }
    let mut i = 0;
    while w.len() < cx.f.target {
        w.line(&format!("{}{},", ADJECTIVES[i % ADJECTIVES.len()], i));
        i += 1;
    }
    w.close();
}

fn repository_interface(cx: &Ctx, w: &mut Cs) {
    let e = cx.e;
    let mut u = vec!["System", "System.Collections.Generic"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    let domain = format!("{}.Domain", cx.ns);
    u.push(&domain);
    usings(w, &u);
    w.line(&format!("namespace {}.Contracts;", cx.ns));
    w.line("");
    summary(w, &format!("Persistence of <see cref=\"{}\"/>.", e.name));
    w.open(&format!("public interface I{}Repository", e.name));
    let ct = cx.ct_param();
    w.lines(&format!(
        "Task<{0}?> Get{0}Async(Guid id{ct});\n\nTask<IReadOnlyList<{0}>> List{1}Async(int page, int size{ct});\n\nTask Save{0}Async({0} {2}{ct});\n\nTask<int> Count{1}Async({ct_first});\n\nTask Reload{1}Async();",
        e.name,
        e.plural,
        e.var,
        ct_first = ct.trim_start_matches(", ")
    ));
    w.close();
}

fn repository(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let mut u = vec!["System", "System.Collections.Concurrent", "System.Collections.Generic", "System.Linq"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    let (contracts, domain) = (format!("{}.Contracts", cx.ns), format!("{}.Domain", cx.ns));
    u.push(&contracts);
    u.push(&domain);
    usings(w, &u);
    w.line(&format!("namespace {}.Data;", cx.ns));
    w.line("");
    summary(w, &format!("In-memory store of <see cref=\"{}\"/> records, fronting the database.", e.name));
    w.open(&format!("public sealed class {0}Repository : I{0}Repository", e.name));
    let (ct, ca) = (cx.ct_param(), cx.ct_arg());
    let ct_first = ct.trim_start_matches(", ");
    w.lines(&format!(
        r#"private readonly ConcurrentDictionary<Guid, {0}> _store = new();

/// <inheritdoc />
public async Task<{0}?> Get{0}Async(Guid id{ct})
{{
    await Task.Yield();
    return _store.TryGetValue(id, out var found) ? found : null;
}}

/// <inheritdoc />
public async Task<IReadOnlyList<{0}>> List{1}Async(int page, int size{ct})
{{
    await Task.Delay(1{ca});
    return _store.Values.OrderBy(x => x.CreatedAt).Skip(page * size).Take(size).ToList();
}}

/// <inheritdoc />
public Task Save{0}Async({0} {2}{ct})
{{
    {2}.UpdatedAt = DateTime.UtcNow;
    _store[{2}.Id] = {2};
    return Task.CompletedTask;
}}

/// <inheritdoc />
public Task<int> Count{1}Async({ct_first}) => Task.FromResult(_store.Count);

/// <inheritdoc />
public async Task Reload{1}Async()
{{
    await Task.Delay(5);
    _store.Clear();
}}"#,
        e.name, e.plural, e.var
    ));
    if cx.f.site == Some(Site::WaitInRepository) {
        w.line("");
        w.line("/// <summary>Blocking count, for legacy callers.</summary>");
        w.line(&format!("public int Count{}Now() => Count{}Async().Result;", e.plural, e.plural));
    }
    fill(cx, w, rng, true);
    w.close();
}

fn service_interface(cx: &Ctx, w: &mut Cs) {
    let e = cx.e;
    let mut u = vec!["System", "System.Collections.Generic"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    let dtos = format!("{}.Contracts.Dtos", cx.ns);
    u.push(&dtos);
    usings(w, &u);
    w.line(&format!("namespace {}.Contracts;", cx.ns));
    w.line("");
    summary(w, &format!("Application service for {}.", words(&e.plural)));
    w.open(&format!("public interface I{}Service", e.name));
    let ct = cx.ct_param();
    w.lines(&format!(
        r#"Task<{0}Dto?> Get{0}Async(Guid id{ct});

Task<IReadOnlyList<{0}Dto>> List{1}Async(int page, int size{ct});

Task Save{0}Async({0}Dto dto{ct});

/// <summary>Synchronous lookup, for callers that cannot await.</summary>
{0}Dto? Find{0}(Guid id);

int Count{1}();

string Describe{0}(Guid id);

void Warm{0}Cache();

Task<IReadOnlyList<{0}Dto>> Load{1}Async(IReadOnlyList<Guid> ids);"#,
        e.name, e.plural
    ));
    w.close();
}

fn service(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let mut u = vec!["System", "System.Collections.Generic", "System.Linq"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    u.push("Microsoft.Extensions.Logging");
    let own = [format!("{}.Contracts", cx.ns), format!("{}.Contracts.Dtos", cx.ns), format!("{}.Domain", cx.ns)];
    let mut extra: Vec<String> = own.to_vec();
    for i in 0..e.deps.len() {
        let ns = format!("{}.Contracts", cx.ns_of(cx.dep(i)));
        if !extra.contains(&ns) {
            extra.push(ns);
        }
    }
    for x in &extra {
        u.push(x);
    }
    usings(w, &u);
    w.line(&format!("namespace {}.Services;", cx.ns));
    w.line("");
    summary(w, &format!("Implements <see cref=\"I{}Service\"/> over the repository and related services.", e.name));
    w.open(&format!("public sealed class {0}Service : I{0}Service", e.name));
    w.line(&format!("private readonly I{}Repository _repository;", e.name));
    w.line(&format!("private readonly ILogger<{}Service> _logger;", e.name));
    for i in 0..e.deps.len() {
        let d = cx.dep(i);
        w.line(&format!("private readonly I{}Service _{}Service;", d.name, d.var));
    }
    w.line(&format!("private readonly Dictionary<Guid, {}Dto> _cache = new();", e.name));
    w.line("");
    let dep_params: String =
        (0..e.deps.len()).map(|i| format!(", I{}Service {}Service", cx.dep(i).name, cx.dep(i).var)).collect();
    w.open(&format!("public {0}Service(I{0}Repository repository, ILogger<{0}Service> logger{dep_params})", e.name));
    w.line("_repository = repository;");
    w.line("_logger = logger;");
    for i in 0..e.deps.len() {
        let d = cx.dep(i);
        w.line(&format!("_{0}Service = {0}Service;", d.var));
    }
    w.close();
    let (ct, ca) = (cx.ct_param(), cx.ct_arg());
    w.line("");
    w.lines(&format!(
        r#"/// <inheritdoc />
public async Task<{0}Dto?> Get{0}Async(Guid id{ct})
{{
    var entity = await _repository.Get{0}Async(id{ca}).ConfigureAwait(false);
    return entity?.To{0}Dto();
}}

/// <inheritdoc />
public async Task<IReadOnlyList<{0}Dto>> List{1}Async(int page, int size{ct})
{{
    var items = await _repository.List{1}Async(page, size{ca}).ConfigureAwait(false);
    return items.Select(x => x.To{0}Dto()).ToList();
}}

/// <inheritdoc />
public async Task Save{0}Async({0}Dto dto{ct})
{{
    _cache[dto.Id] = dto;
    await _repository.Save{0}Async(dto.To{0}(){ca}).ConfigureAwait(false);
    _logger.LogInformation("Saved {0} {{Id}}", dto.Id);
}}
"#,
        e.name, e.plural
    ));
    // The sync wrapper: a cache read, or a blocking wait.
    w.line("/// <inheritdoc />");
    match cx.f.site {
        Some(Site::WaitInService(form)) => {
            let call = format!("Get{}Async(id)", e.name);
            let body = match form {
                WaitForm::Result => format!("public {0}Dto? Find{0}(Guid id) => {call}.Result;", e.name),
                WaitForm::GetResult => format!("public {0}Dto? Find{0}(Guid id) => {call}.GetAwaiter().GetResult();", e.name),
                WaitForm::ConfigureAwaitGetResult => format!(
                    "public {0}Dto? Find{0}(Guid id) => {call}.ConfigureAwait(false).GetAwaiter().GetResult();",
                    e.name
                ),
                WaitForm::Wait => format!(
                    "public {0}Dto? Find{0}(Guid id)\n{{\n    var task = {call};\n    task.Wait();\n    return task.Result;\n}}",
                    e.name
                ),
            };
            w.lines(&body);
        }
        _ => w.line(&format!(
            "public {0}Dto? Find{0}(Guid id) => _cache.TryGetValue(id, out var dto) ? dto : null;",
            e.name
        )),
    }
    w.line("");
    w.line("/// <inheritdoc />");
    w.line(&format!("public int Count{}() => _cache.Count;", e.plural));
    w.line("");
    // Describe: a sync chain through the dependencies' sync wrappers.
    w.line("/// <inheritdoc />");
    w.open(&format!("public string Describe{}(Guid id)", e.name));
    w.line(&format!("var self = Find{}(id);", e.name));
    w.line("var parts = new List<string> { self?.Name ?? \"(unknown)\" };");
    for i in 0..e.deps.len() {
        let d = cx.dep(i);
        w.line(&format!("var {0} = _{0}Service.Find{1}(id);", d.var, d.name));
        w.open(&format!("if ({} is not null)", d.var));
        w.line(&format!("parts.Add({}.Name);", d.var));
        w.close();
    }
    w.line("return string.Join(\", \", parts);");
    w.close();
    w.line("");
    w.line("/// <inheritdoc />");
    if cx.f.site == Some(Site::AsyncVoidInService) {
        w.open(&format!("public async void Warm{}Cache()", e.name));
        w.line(&format!("var items = await List{}Async(0, 100);", e.plural));
        w.open("foreach (var item in items)");
        w.line("_cache[item.Id] = item;");
        w.close();
        w.close();
    } else {
        w.line(&format!("public void Warm{}Cache() => _cache.Clear();", e.name));
    }
    w.line("");
    w.line("/// <inheritdoc />");
    w.open(&format!(
        "public async Task<IReadOnlyList<{0}Dto>> Load{1}Async(IReadOnlyList<Guid> ids)",
        e.name, e.plural
    ));
    if cx.f.site == Some(Site::FanOutInService) {
        w.line("// One request per id, all at once.");
        w.line(&format!("var found = await Task.WhenAll(ids.Select(id => Get{}Async(id)));", e.name));
        w.line("return found.Where(x => x is not null).Select(x => x!).ToList();");
    } else {
        w.line(&format!("var found = new List<{}Dto>();", e.name));
        w.open("foreach (var id in ids)");
        w.line(&format!("var item = await Get{}Async(id).ConfigureAwait(false);", e.name));
        w.open("if (item is not null)");
        w.line("found.Add(item);");
        w.close();
        w.close();
        w.line("return found;");
    }
    w.close();
    fill(cx, w, rng, true);
    w.close();
}

fn controller(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let mut u = vec!["System", "System.Collections.Generic"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    u.push("Microsoft.AspNetCore.Mvc");
    let own = [format!("{}.Contracts", cx.ns), format!("{}.Contracts.Dtos", cx.ns)];
    for x in &own {
        u.push(x);
    }
    usings(w, &u);
    w.line(&format!("namespace {}.Controllers;", cx.ns));
    w.line("");
    summary(w, &format!("HTTP API for {}.", words(&e.plural)));
    w.line("[ApiController]");
    w.line(&format!("[Route(\"api/{}\")]", e.plural.to_lowercase()));
    w.open(&format!("public sealed class {}Controller : ControllerBase", e.plural));
    w.line(&format!("private readonly I{}Service _service;", e.name));
    w.line("");
    w.line(&format!("public {}Controller(I{}Service service) => _service = service;", e.plural, e.name));
    let (ct, ca) = (cx.ct_param(), cx.ct_arg());
    w.line("");
    w.lines(&format!(
        r#"[HttpGet("{{id:guid}}")]
[ProducesResponseType(200)]
[ProducesResponseType(404)]
public async Task<ActionResult<{0}Dto>> Get(Guid id{ct})
{{
    var dto = await _service.Get{0}Async(id{ca});
    return dto is null ? NotFound() : Ok(dto);
}}

[HttpGet]
public async Task<ActionResult<IReadOnlyList<{0}Dto>>> List([FromQuery] int page = 0, [FromQuery] int size = 50{ct})
{{
    return Ok(await _service.List{1}Async(page, size{ca}));
}}

[HttpGet("count")]
public ActionResult<int> Count() => Ok(_service.Count{1}());

[HttpGet("{{id:guid}}/description")]
public ActionResult<string> Describe(Guid id) => Ok(_service.Describe{0}(id));

[HttpPost("cache")]
public IActionResult Warm()
{{
    _service.Warm{0}Cache();
    return NoContent();
}}
"#,
        e.name, e.plural
    ));
    if cx.f.site == Some(Site::WaitInController) {
        w.line("[HttpGet(\"{id:guid}/sync\")]");
        w.open(&format!("public ActionResult<{}Dto> GetSync(Guid id)", e.name));
        w.line(&format!("var dto = _service.Get{}Async(id).Result;", e.name));
        w.line("return dto is null ? NotFound() : Ok(dto);");
        w.close();
    }
    if cx.f.negative {
        w.line("");
        w.line("// Wait for the gateway's Result header before retrying (see ADR-12); async handlers only.");
        w.open("private static int RetryAfterSeconds(ActionResult<int> response)");
        w.line("var value = response.Result is ObjectResult { Value: int seconds } ? seconds : 5;");
        w.line("return value;");
        w.close();
    }
    fill(cx, w, rng, false);
    w.close();
}

fn validator(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    usings(w, &["System", "System.Collections.Generic", &format!("{}.Contracts.Dtos", cx.ns)]);
    w.line(&format!("namespace {}.Validation;", cx.ns));
    w.line("");
    summary(w, &format!("Validates incoming <see cref=\"{}Dto\"/> values.", e.name));
    w.open(&format!("public sealed class {}Validator", e.name));
    w.open(&format!("public IReadOnlyList<string> Validate({}Dto dto)", e.name));
    w.line("var errors = new List<string>();");
    w.open("if (string.IsNullOrWhiteSpace(dto.Name))");
    w.line("errors.Add(\"Name is required.\");");
    w.close();
    w.open("if (dto.Amount < 0)");
    w.line("errors.Add(\"Amount cannot be negative.\");");
    w.close();
    w.line("return errors;");
    w.close();
    fill(cx, w, rng, false);
    w.close();
}

fn mappings(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    usings(w, &["System", &format!("{}.Contracts.Dtos", cx.ns), &format!("{}.Domain", cx.ns)]);
    w.line(&format!("namespace {}.Services;", cx.ns));
    w.line("");
    summary(w, &format!("Conversions between <see cref=\"{0}\"/> and <see cref=\"{0}Dto\"/>.", e.name));
    w.open(&format!("public static class {}Mappings", e.name));
    w.lines(&format!(
        "public static {0}Dto To{0}Dto(this {0} x) =>\n    new(x.Id, x.Name, x.Amount, x.IsActive, x.CreatedAt, x.UpdatedAt);\n\npublic static {0} To{0}(this {0}Dto d) =>\n    new() {{ Id = d.Id, Name = d.Name, Amount = d.Amount, CreatedAt = d.CreatedAt, UpdatedAt = d.UpdatedAt }};",
        e.name
    ));
    fill(cx, w, rng, false);
    w.close();
}

fn options(cx: &Ctx, w: &mut Cs) {
    let e = cx.e;
    usings(w, &["System"]);
    w.line(&format!("namespace {}.Configuration;", cx.ns));
    w.line("");
    summary(w, &format!("Settings of the {} feature (section \"{}\").", words(&e.name), e.plural));
    w.open(&format!("public sealed class {}Options", e.name));
    w.line(&format!("public const string Section = \"{}\";", e.plural));
    w.line("");
    w.line("public int PageSize { get; set; } = 50;");
    w.line("");
    w.line("public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);");
    if cx.f.negative {
        w.line("");
        w.line("/// <summary>How long to Sleep between polls; the async poller honours it.</summary>");
        w.line("public TimeSpan PollWaitTime { get; set; } = TimeSpan.FromSeconds(30);");
    }
    let mut i = 0;
    while w.len() < cx.f.target {
        w.line("");
        w.line(&format!("public int {}{}Limit{i} {{ get; set; }} = {};", ADJECTIVES[i % 16], MEASURES[i % 12], 10 + i));
        i += 1;
    }
    w.close();
}

fn exception(cx: &Ctx, w: &mut Cs) {
    let e = cx.e;
    usings(w, &["System"]);
    w.line(&format!("namespace {}.Domain.Exceptions;", cx.ns));
    w.line("");
    summary(w, &format!("Thrown when a {} does not exist.", words(&e.name)));
    w.open(&format!("public sealed class {}NotFoundException : Exception", e.name));
    w.line(&format!(
        "public {0}NotFoundException(Guid id)\n        : base($\"{0} {{id}} was not found.\")\n    {{\n        Id = id;\n    }}",
        e.name
    ));
    w.line("");
    w.line("public Guid Id { get; }");
    w.close();
}

fn tests(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let mut u = vec!["System", "System.Linq"];
    if e.tokens {
        u.push("System.Threading");
    }
    u.push("System.Threading.Tasks");
    u.push("Xunit");
    let own = [format!("{}.Contracts.Dtos", cx.ns), format!("{}.Data", cx.ns), format!("{}.Services", cx.ns)];
    for x in &own {
        u.push(x);
    }
    u.push("Microsoft.Extensions.Logging.Abstractions");
    usings(w, &u);
    w.line(&format!("namespace {}.Tests.Services;", cx.ns));
    w.line("");
    w.open(&format!("public sealed class {}ServiceTests", e.name));
    // A service without dependencies is enough for these tests; dependencies get null-free fakes elsewhere.
    let deps_args = ", null!".repeat(e.deps.len());
    w.line(&format!(
        "private readonly {0}Service _sut = new(new {0}Repository(), NullLogger<{0}Service>.Instance{deps_args});",
        e.name
    ));
    w.line("");
    let ca = if e.tokens { ", CancellationToken.None" } else { "" };
    w.lines(&format!(
        r#"[Fact]
public async Task Save_then_get_returns_the_item()
{{
    var dto = new {0}Dto(Guid.NewGuid(), "first", 12.5m, true, DateTime.UtcNow, DateTime.UtcNow);
    await _sut.Save{0}Async(dto{ca});
    var found = await _sut.Get{0}Async(dto.Id{ca});
    Assert.NotNull(found);
    Assert.Equal("first", found!.Name);
}}

[Fact]
public async Task List_is_empty_at_first()
{{
    var items = await _sut.List{1}Async(0, 10{ca});
    Assert.Empty(items);
}}
"#,
        e.name, e.plural
    ));
    match cx.f.site {
        Some(Site::WaitInTest) => {
            w.line("[Fact]");
            w.open("public void Count_is_zero_when_nothing_was_saved()");
            w.line(&format!("var items = _sut.List{}Async(0, 10).Result;", e.plural));
            w.line("Assert.Empty(items);");
            w.line(&format!("_sut.Save{0}Async(new {0}Dto(Guid.NewGuid(), \"x\", 1m, true, DateTime.UtcNow, DateTime.UtcNow)).Wait();", e.name));
            w.line(&format!("Assert.Equal(1, _sut.Count{}());", e.plural));
            w.close();
            w.line("");
        }
        Some(Site::AsyncVoidTest) => {
            w.line("[Fact]");
            w.open("public async void Get_unknown_returns_null()");
            w.line(&format!("var found = await _sut.Get{}Async(Guid.NewGuid());", e.name));
            w.line("Assert.Null(found);");
            w.close();
            w.line("");
        }
        _ => {}
    }
    fill(cx, w, rng, true);
    w.close();
}

fn worker(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let own = [format!("{}.Contracts", cx.ns), format!("{}.Contracts.Dtos", cx.ns)];
    let mut u = vec![
        "System",
        "System.Collections.Generic",
        "System.Linq",
        "System.Threading",
        "System.Threading.Tasks",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Logging",
    ];
    for x in &own {
        u.push(x);
    }
    usings(w, &u);
    w.line(&format!("namespace {}.Workers;", cx.ns));
    w.line("");
    summary(w, &format!("Keeps {} in sync with the upstream system.", words(&e.plural)));
    w.open(&format!("public sealed class {}SyncWorker : BackgroundService", e.name));
    w.line(&format!("private readonly I{}Service _service;", e.name));
    w.line(&format!("private readonly ILogger<{}SyncWorker> _logger;", e.name));
    w.line("");
    w.open(&format!("public {0}SyncWorker(I{0}Service service, ILogger<{0}SyncWorker> logger)", e.name));
    w.line("_service = service;");
    w.line("_logger = logger;");
    w.close();
    w.line("");
    w.open("protected override async Task ExecuteAsync(CancellationToken stoppingToken)");
    w.open("while (!stoppingToken.IsCancellationRequested)");
    w.line("await RunOnceAsync(stoppingToken);");
    w.line("await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);");
    w.close();
    w.close();
    w.line("");
    w.open("private async Task RunOnceAsync(CancellationToken stoppingToken)");
    match cx.f.site {
        Some(Site::SleepOrWaitAllInWorker) => {
            w.line(&format!("var first = _service.List{}Async(0, 100);", e.plural));
            w.line(&format!("var second = _service.List{}Async(1, 100);", e.plural));
            w.line("Task.WaitAll(first, second);");
            w.line("// Give the upstream system a moment between pages.");
            w.line("Thread.Sleep(250);");
            w.line("var items = first.Result.Concat(second.Result).ToList();");
        }
        Some(Site::FanOutInWorker) => {
            w.line(&format!("var items = await _service.List{}Async(0, 1000);", e.plural));
            w.line(&format!("await Task.WhenAll(items.Select(item => _service.Save{}Async(item)));", e.name));
            w.line(&format!("Parallel.ForEach(items, async item => await _service.Save{}Async(item));", e.name));
        }
        _ => {
            w.line(&format!("var items = await _service.List{}Async(0, 100);", e.plural));
        }
    }
    w.line(&format!("_logger.LogInformation(\"Synced {{Count}} {}\", items.Count);", words(&e.plural)));
    w.close();
    fill(cx, w, rng, true);
    w.close();
}

fn notifier(cx: &Ctx, w: &mut Cs, rng: &mut Rng) {
    let e = cx.e;
    let own = format!("{}.Contracts", cx.ns);
    usings(w, &["System", "System.Collections.Generic", "System.Threading.Tasks", &own]);
    w.line(&format!("namespace {}.Notifications;", cx.ns));
    w.line("");
    summary(w, &format!("Pushes {} changes to subscribers.", words(&e.name)));
    w.open(&format!("public sealed class {}Notifier", e.name));
    w.line(&format!("private readonly I{}Service _service;", e.name));
    w.line("private readonly List<Guid> _subscribers = new();");
    w.line("");
    w.line(&format!("public event EventHandler? {}Changed;", e.name));
    w.line("");
    w.open(&format!("public {}Notifier(I{}Service service)", e.name, e.name));
    w.line("_service = service;");
    w.line(&format!("{0}Changed += On{0}Changed;", e.name));
    w.close();
    w.line("");
    if cx.f.site == Some(Site::AsyncVoidInNotifier) {
        w.open(&format!("private async void On{}Changed(object? sender, EventArgs args)", e.name));
        w.line(&format!("await _service.List{}Async(0, 10);", e.plural));
        w.close();
        w.line("");
        w.open("public void Broadcast()");
        w.line(&format!("_subscribers.ForEach(async id => await _service.Get{}Async(id));", e.name));
        w.close();
    } else {
        w.open(&format!("private void On{}Changed(object? sender, EventArgs args)", e.name));
        w.line(&format!("_ = _service.List{}Async(0, 10);", e.plural));
        w.close();
        w.line("");
        w.open("public void Broadcast()");
        w.line("_subscribers.Clear();");
        w.close();
    }
    fill(cx, w, rng, false);
    w.close();
}

/// Adds members until the file reaches its target size.
fn fill(cx: &Ctx, w: &mut Cs, rng: &mut Rng, may_be_async: bool) {
    let mut i = 0;
    let mut region_open = false;
    while w.len() < cx.f.target {
        w.line("");
        if i % 6 == 0 && rng.chance(0.3) && !region_open {
            w.line(&format!("#region {} helpers", ADJECTIVES[i % ADJECTIVES.len()]));
            w.line("");
            region_open = true;
        }
        if may_be_async && rng.chance(0.35) {
            filler_async_method(cx, w, rng, i);
        } else if rng.chance(0.2) {
            filler_property(w, rng, i);
        } else {
            filler_sync_method(cx, w, rng, i);
        }
        if region_open && rng.chance(0.2) {
            w.line("");
            w.line("#endregion");
            region_open = false;
        }
        i += 1;
    }
    if region_open {
        w.line("");
        w.line("#endregion");
    }
    if cx.f.negative && may_be_async {
        w.line("");
        w.line("// Note: callers Wait on nothing here; everything below runs async end to end.");
        w.line("private static int WaitTimeoutSeconds => 30;");
    }
}

fn filler_property(w: &mut Cs, rng: &mut Rng, i: usize) {
    let adj = rng.pick(ADJECTIVES);
    let m = rng.pick(MEASURES);
    summary(w, &format!("Gets or sets the {} {}.", adj.to_lowercase(), m.to_lowercase()));
    let ty = *rng.pick(&["decimal", "int", "double", "string", "DateTime", "bool"]);
    let init = match ty {
        "string" => " = string.Empty;",
        _ => "",
    };
    w.line(&format!("public {ty} {adj}{m}{i} {{ get; set; }}{init}"));
}

fn filler_sync_method(cx: &Ctx, w: &mut Cs, rng: &mut Rng, i: usize) {
    let e = cx.e;
    let adj = *rng.pick(ADJECTIVES);
    let m = *rng.pick(MEASURES);
    let name = format!("Compute{adj}{m}{i}");
    match rng.below(4) {
        0 => {
            summary(w, &format!("Computes the {} {} over the given values.", adj.to_lowercase(), m.to_lowercase()));
            w.open(&format!("public static decimal {name}(IReadOnlyList<decimal> values, decimal factor)"));
            w.open("if (values is null)");
            w.line("throw new ArgumentNullException(nameof(values));");
            w.close();
            w.line("");
            w.line("var total = 0m;");
            w.open("foreach (var value in values.Where(v => v > 0).OrderBy(v => v))");
            w.line(&format!("total += value * factor / {}m;", rng.range(2, 97)));
            w.open(&format!("if (total > {})", rng.range(1000, 99999)));
            w.line("break;");
            w.close();
            w.close();
            w.line("");
            if cx.f.conditional && rng.chance(0.5) {
                w.out.push_str("#if DEBUG\n");
                w.line("System.Diagnostics.Debug.WriteLine($\"total={total}\");");
                w.out.push_str("#endif\n");
            }
            w.line("return Math.Round(total / Math.Max(1, values.Count), 2);");
            w.close();
        }
        1 => {
            summary(w, &format!("Maps a status to its {} label.", adj.to_lowercase()));
            w.open(&format!("private static string Describe{adj}{i}(int code)"));
            w.line("return code switch");
            w.line("{");
            for (k, label) in ["active", "suspended", "archived", "deleted"].iter().enumerate() {
                w.line(&format!("    {k} => \"{label} ({})\",", words(&e.name)));
            }
            w.line("    _ => $\"unknown ({code})\",");
            w.line("};");
            w.close();
        }
        2 => {
            w.line("[Obsolete(\"Use the batched overload.\")]");
            w.open(&format!("public string Format{adj}{m}{i}(string name, decimal value, DateTime at)"));
            w.line("var builder = new System.Text.StringBuilder();");
            w.line("builder.Append(name.Trim());");
            w.line("builder.Append(\": \");");
            w.line("builder.Append(value.ToString(\"N2\", System.Globalization.CultureInfo.InvariantCulture));");
            w.open("if (at > DateTime.UtcNow.AddDays(-1))");
            w.line("builder.Append(\" (recent)\");");
            w.close();
            w.line("return builder.ToString();");
            w.close();
        }
        _ => {
            summary(w, &format!("Tries to parse a {} {} from text.", adj.to_lowercase(), m.to_lowercase()));
            w.open(&format!("public static bool TryParse{adj}{m}{i}(string text, out decimal value)"));
            w.line("value = 0m;");
            w.open("if (string.IsNullOrEmpty(text))");
            w.line("return false;");
            w.close();
            w.line("");
            w.open("try");
            w.line("value = decimal.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);");
            w.line("return value >= 0;");
            w.close();
            w.open("catch (FormatException)");
            w.line("return false;");
            w.close();
            w.close();
        }
    }
}

fn filler_async_method(cx: &Ctx, w: &mut Cs, rng: &mut Rng, i: usize) {
    let e = cx.e;
    let verb = *rng.pick(VERBS);
    let adj = *rng.pick(ADJECTIVES);
    let (ct, ca) = (cx.ct_param(), cx.ct_arg());
    summary(w, &format!("{}s {} {} records in the background.", verb, adj.to_lowercase(), words(&e.name)));
    w.open(&format!("public async Task<int> {verb}{adj}{}{i}Async(DateTime cutoff{ct})", e.plural));
    w.line("var processed = 0;");
    w.open("for (var page = 0; page < 3; page++)");
    w.line(&format!("await Task.Delay({}{ca}).ConfigureAwait(false);", rng.range(1, 20)));
    w.open("if (cutoff < DateTime.UtcNow.AddDays(-page))");
    w.line("processed++;");
    w.close();
    w.close();
    w.line("");
    w.line("return processed;");
    w.close();
}

fn words(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Projects, solution, output.

fn csproj(implicit_usings: bool, tests: bool) -> String {
    let mut s = String::from("<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n");
    s.push_str("    <TargetFramework>net8.0</TargetFramework>\n");
    s.push_str("    <Nullable>enable</Nullable>\n");
    let _ = writeln!(s, "    <ImplicitUsings>{}</ImplicitUsings>", if implicit_usings { "enable" } else { "disable" });
    s.push_str("    <LangVersion>12.0</LangVersion>\n");
    if tests {
        s.push_str("    <IsPackable>false</IsPackable>\n");
    }
    s.push_str("  </PropertyGroup>\n\n</Project>\n");
    s
}

/// Writes the files (in a fresh folder) and returns a one-line summary.
fn write_solution(config: &Config) -> Result<String, String> {
    let out = &config.out;
    if out.exists() && std::fs::read_dir(out).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} exists and is not empty", out.display()));
    }
    if config.shape == Shape::CallGraph {
        return callgraph::write(config);
    }
    let sol = plan(config);
    let mut bytes = 0usize;
    let mut rng = Rng::new(config.seed.wrapping_mul(31).wrapping_add(7));
    for f in &sol.files {
        let text = render(&sol, f, &mut rng);
        bytes += write_text(&out.join(&f.path), &text, f.crlf, f.bom)?;
    }
    // Projects and the solution.
    let mut sln =
        String::from("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
    for (m, module) in sol.modules.iter().enumerate() {
        let project = format!("{}.{module}", sol.company);
        for (dir, tests) in [("src", false), ("tests", true)] {
            let name = if tests { format!("{project}.Tests") } else { project.clone() };
            let rel = format!("{dir}/{name}/{name}.csproj");
            write_text(&out.join(&rel), &csproj(m % 3 == 0, tests), false, false)?;
            let _ = writeln!(
                sln,
                "Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{name}\", \"{}\", \"{{{:08X}-0000-0000-0000-{:012X}}}\"\nEndProject",
                rel.replace('/', "\\"),
                m,
                usize::from(tests)
            );
        }
    }
    write_text(&out.join(format!("{}.sln", sol.company)), &sln, true, true)?;
    // A few generated files, which asyncmod skips.
    for g in 0..sol.generated {
        let module = &sol.modules[g % sol.modules.len()];
        let path = out.join(format!("src/{}.{module}/obj/Generated{g}.g.cs", sol.company));
        let text = format!(
            "// <auto-generated>\n//     This code was generated by a tool.\n// </auto-generated>\n\nnamespace {}.{module}.Generated;\n\npublic static partial class Resources{g}\n{{\n    public static string Text => \"Wait for Result\";\n}}\n",
            sol.company
        );
        bytes += write_text(&path, &text, false, false)?;
    }
    let sites = sol.files.iter().filter(|f| f.site.is_some()).count();
    let tokens = sol.files.iter().filter(|f| mentions_token(f, &sol.entities[f.entity])).count();
    Ok(format!(
        "gen-solution: {} .cs files ({} generated), {:.1} MB, {} modules, {} entities; sites in {} files ({:.1} %), CancellationToken in {} ({:.1} %)",
        sol.files.len() + sol.generated,
        sol.generated,
        bytes as f64 / 1e6,
        sol.modules.len(),
        sol.entities.len(),
        sites,
        100.0 * sites as f64 / sol.files.len() as f64,
        tokens,
        100.0 * tokens as f64 / sol.files.len() as f64
    ))
}

fn write_text(path: &Path, text: &str, crlf: bool, bom: bool) -> Result<usize, String> {
    let mut bytes = Vec::with_capacity(text.len() + text.len() / 30 + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if crlf {
        for line in text.split_inclusive('\n') {
            match line.strip_suffix('\n') {
                Some(body) => {
                    bytes.extend_from_slice(body.as_bytes());
                    bytes.extend_from_slice(b"\r\n");
                }
                None => bytes.extend_from_slice(line.as_bytes()),
            }
        }
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(files: usize, seed: u64) -> Config {
        Config::parse(&["--files".into(), files.to_string(), "--seed".into(), seed.to_string(), "x".into()]).unwrap()
    }

    fn texts(c: &Config) -> Vec<(PathBuf, String)> {
        let sol = plan(c);
        let mut rng = Rng::new(c.seed.wrapping_mul(31).wrapping_add(7));
        sol.files.iter().map(|f| (f.path.clone(), render(&sol, f, &mut rng))).collect()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = texts(&config(300, 7));
        assert_eq!(a, texts(&config(300, 7)));
        assert_ne!(a, texts(&config(300, 8)));
    }

    #[test]
    fn default_density_matches_real_code() {
        let c = config(5000, 1);
        let sol = plan(&c);
        let n = sol.files.len() as f64;
        assert!((n - 5000.0).abs() / 5000.0 < 0.05, "{n} files");
        let sites = sol.files.iter().filter(|f| f.site.is_some()).count() as f64 / n;
        assert!((0.015..=0.025).contains(&sites), "sites in {sites}");
        let tokens = sol.files.iter().filter(|f| mentions_token(f, &sol.entities[f.entity])).count() as f64 / n;
        assert!((0.08..=0.12).contains(&tokens), "tokens in {tokens}");
        // Every kind of site is there.
        for probe in [
            |s: &Site| matches!(s, Site::WaitInService(_)),
            |s: &Site| matches!(s, Site::AsyncVoidInService),
            |s: &Site| matches!(s, Site::FanOutInService),
            |s: &Site| matches!(s, Site::WaitInController),
        ] {
            assert!(sol.files.iter().filter_map(|f| f.site.as_ref()).any(probe));
        }
    }

    #[test]
    fn dense_mode_and_text_agree_with_the_plan() {
        let mut c = config(400, 3);
        c.density = 0.25;
        c.tokens = 0.4;
        let sol = plan(&c);
        let mut rng = Rng::new(99);
        let n = sol.files.len() as f64;
        let with_site = sol.files.iter().filter(|f| f.site.is_some()).count() as f64 / n;
        assert!((0.23..=0.27).contains(&with_site), "{with_site}");
        let mut token_files = 0;
        for f in &sol.files {
            let text = render(&sol, f, &mut rng);
            if text.contains("CancellationToken") {
                token_files += 1;
            }
            let blocking = [".Result", ".GetResult()", ".Wait();", "Task.WaitAll(", "async void", "Task.WhenAll("]
                .iter()
                .any(|p| text.contains(p));
            if f.site.is_some() {
                assert!(blocking, "{}: site {:?} not written", f.path.display(), f.site);
            }
        }
        let share = token_files as f64 / n;
        assert!((0.37..=0.45).contains(&share), "{share}");
    }

    #[test]
    fn sizes_average_near_the_target() {
        let c = config(1000, 5);
        let t = texts(&c);
        let avg = t.iter().map(|(_, s)| s.len()).sum::<usize>() as f64 / t.len() as f64;
        assert!((avg - 12.0 * 1024.0).abs() / (12.0 * 1024.0) < 0.15, "average {avg}");
        let max = t.iter().map(|(_, s)| s.len()).max().unwrap();
        let min = t.iter().map(|(_, s)| s.len()).min().unwrap();
        assert!(max > 4 * min, "sizes vary: {min}..{max}");
    }
}
