//! Why a site was reported or left alone, and what each site is, as data: every reason and every kind of
//! finding has a stable code (`ASYNC…`) for reports, suppressions and CI, and its wording in one place.
//! Transforms and the planner branch on these values, never on their text.

use std::fmt;

/// A stable code: `ASYNC0xx` are kinds of findings, `ASYNC1xx`–`ASYNC3xx` reasons (mostly `ASYNC3xx` for sites
/// that need no fix; the site's outcome says which). A code never changes meaning once released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Code(pub &'static str);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Declares an enum whose variants each have a code and a wording (a format string over the variant's
/// fields), with `code()`, `Display` and a table of every code for documentation and tests.
macro_rules! coded {
    (
        $(#[$meta:meta])* $vis:vis enum $name:ident;
        $( $(#[$vmeta:meta])* $code:literal $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $wording:literal, )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant $({ $($field: $ty),* })?, )*
        }

        impl $name {
            pub fn code(&self) -> Code {
                match self {
                    $( $name::$variant { .. } => Code($code), )*
                }
            }

            /// Every code with the variant's name and wording, in declaration order.
            pub const TABLE: &'static [(&'static str, &'static str, &'static str)] =
                &[ $( ($code, stringify!($variant), $wording) ),* ];
        }

        impl fmt::Display for $name {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( $name::$variant $({ $($field),* })? => write!(f, $wording), )*
                }
            }
        }
    };
}

coded! {
    /// What a site is: the kind of finding, with the names that make it concrete.
    pub enum Finding;
    "ASYNC001" ResultBlocks => "`.Result` blocks on a task",
    "ASYNC002" WaitBlocks => "`.Wait()` blocks on a task",
    "ASYNC003" WaitWithArgumentsBlocks => "`.Wait(...)` blocks on a task",
    "ASYNC004" GetResultBlocks => "`.GetAwaiter().GetResult()` blocks on a task",
    "ASYNC005" WaitAllBlocks => "`Task.WaitAll` blocks on tasks",
    "ASYNC006" WaitAnyBlocks => "`Task.WaitAny` blocks on tasks",
    "ASYNC007" ThreadSleepInAsync => "`Thread.Sleep` blocks a thread inside an async function",
    "ASYNC008" CallBecameAsync { callee: String } => "call to {callee}, which became async",
    "ASYNC009" BoundaryCall { callee: String } => "call to {callee}, which became async, keeps a blocking wait (boundary)",
    "ASYNC010" AsyncVoid { name: String } => "async void {name}",
    "ASYNC011" AsyncLambdaInForEach => "async lambda passed to ForEach runs as async void",
    "ASYNC020" WhenAllFanout => "Task.WhenAll over a collection starts the work for every item at once",
    "ASYNC021" ParallelForEachAsyncLambda =>
        "Parallel.ForEach with an async lambda runs each item as async void: the loop neither waits for nor bounds the work",
    "ASYNC030" CallTakesToken { callee: String } => "call to {callee} takes a CancellationToken",
    "ASYNC031" CallAcceptsToken { callee: String } => "call to {callee} accepts a CancellationToken",
    "ASYNC032" CallCouldTakeToken { callee: String } => "call to {callee} could take a CancellationToken",
    "ASYNC033" CallMayTakeToken { callee: String } => "call to {callee} may take a CancellationToken",
    "ASYNC034" CallMayNeedToken { callee: String } => "call to {callee}, which may need a CancellationToken",
    "ASYNC035" CallNowTakesToken { callee: String } => "call to {callee}, which now takes a CancellationToken",
    "ASYNC036" CallWouldNeedToken { callee: String } => "call to {callee}, which would need a CancellationToken to pass on",
    "ASYNC037" TokenBeforeParams { callee: String } =>
        "call to {callee}, whose new token parameter comes before `params` arguments",
    "ASYNC038" CallMayReachNewTokenParameter { callee: String } =>
        "call to {callee}, which may be the method that now takes a CancellationToken",
    "ASYNC039" TakesNoToken { what: String } => "{what} takes no CancellationToken",
    "ASYNC022" FanoutCall { name: String } => "{name}",
    "ASYNC040" CouldTakeRequestToken { what: String } => "{what} could take the request's CancellationToken",
    "ASYNC052" CallToWrapper { callee: String } => "call to {callee}, a blocking wrapper of an async method",
    "ASYNC050" NotRenamed { name: String } => "{name} not renamed",
    "ASYNC051" Renamed { name: String, new_name: String } => "{name} renamed to {new_name}",
    // Precision of sync-over-async, async-void and bounded-fanout (ASYNC012–019, ASYNC023–029).
    "ASYNC012" WaitAllFanout =>
        "Task.WaitAll over a collection starts the work for every item at once, and blocks until all of it ends",
    // cancellation-token: placement rules and limits.
    "ASYNC041" AwaitForeachWithoutToken => "`await foreach` enumerates without the CancellationToken in scope",
    "ASYNC042" MockSetupOfTokenMember { callee: String } =>
        "test double setup of {callee}, which now takes a CancellationToken",
    "ASYNC043" SchedulerCall { callee: String } => "call to {callee}, which takes a token only to cancel the start",
    // Suppressions and configuration (ASYNC500–549).
    "ASYNC540" UnusedSuppression { what: String } => "{what} suppresses nothing here",
    // async-alternative (ASYNC060–069).
    "ASYNC060" HasAsyncAlternative { callee: String, sibling: String } =>
        "call to {callee} in async code, which has an async alternative {sibling}",
    "ASYNC061" DisposableAsync { type_name: String } =>
        "`using` of {type_name} in async code, which can be disposed asynchronously (`await using`)",
    "ASYNC062" LockAroundWait { lock_object: String } => "`lock ({lock_object})` around a blocking wait",
    // configure-await and task-run-async (ASYNC070–074).
    "ASYNC070" AwaitNotConfigured => "`await` in library code resumes on the caller's context (no ConfigureAwait)",
    "ASYNC071" AwaitUsingNotConfigured =>
        "`await using` in library code disposes on the caller's context (no ConfigureAwait)",
    "ASYNC072" AwaitForeachNotConfigured =>
        "`await foreach` in library code resumes on the caller's context (no ConfigureAwait)",
    "ASYNC073" TaskRunAroundAsyncCall =>
        "Task.Run around an async call: offloading async I/O to the thread pool only costs a thread",
    "ASYNC074" AsyncOverSync { name: String } =>
        "{name} wraps synchronous work in Task.Run and returns the task (async over sync)",
    // fire-and-forget and async-lambda-void (ASYNC075–079).
    "ASYNC075" TaskDropped { callee: String } =>
        "the task {callee} returns is neither awaited, stored, returned nor passed on",
    "ASYNC076" AsyncLambdaAsVoid { target: String } =>
        "async lambda passed to {target}, which runs it as async void",
    "ASYNC077" AsyncLambdaSubscribed { event: String } => "async lambda subscribed to {event} runs as async void",
    "ASYNC078" TaskNotAwaitedHere { callee: String } => "call to {callee}, whose task is not awaited here",
    "ASYNC079" AsyncLambdaStoredAsVoid { delegate: String } =>
        "async lambda stored as {delegate}, a delegate that returns void: it runs as async void",
}

coded! {
    /// Why a site was reported instead of fixed (`ASYNC1xx`), or left alone as no problem (`ASYNC2xx`).
    pub enum Reason;
    // What C# does not allow to become async.
    "ASYNC101" Constructor => "constructors cannot be async",
    "ASYNC102" Finalizer => "finalizers cannot be async",
    "ASYNC103" Operator => "operators cannot be async",
    "ASYNC104" Accessor => "property and indexer accessors cannot be async",
    "ASYNC105" Initializer => "field and property initializers cannot await",
    "ASYNC106" LambdaCannotReturnTask => "it is inside a lambda whose delegate type cannot take a Task",
    "ASYNC107" RefParameters => "it has ref/out/in parameters, which async methods cannot have",
    "ASYNC108" Iterator => "it is an iterator (yield return), which cannot be async here",
    "ASYNC109" StructInstanceMethod =>
        "it is an instance method of a struct: async would run it on a copy and lose its updates",
    "ASYNC110" RefLocals => "it has Span, stackalloc or ref locals, which async methods cannot hold",
    "ASYNC111" Unsafe => "it is unsafe code",
    "ASYNC112" Extern => "it is extern",
    "ASYNC113" ReturnsByRef => "it returns by reference",
    "ASYNC114" MethodImpl => "it has [MethodImpl] (MethodImplOptions.Synchronized cannot be async)",
    "ASYNC115" PartialDeclaration => "it is a partial method declaration",
    "ASYNC116" AsyncMainNeedsNewerCSharp { version: String } =>
        "async Main needs C# 7.1 or later; the project uses C# {version}",
    "ASYNC117" MainReturnType => "Main must return void, int, Task or Task<int>",
    "ASYNC118" ReturnsDynamic => "it returns dynamic",
    "ASYNC119" ReturnsNonGenericTask => "it returns a non-generic Task directly; convert it by hand",
    "ASYNC120" InContext { context: Context } => "inside {context}",
    "ASYNC121" CannotAwaitIn { context: Context } => "cannot await inside {context}",
    "ASYNC122" CallIn { context: Context } => "the call is inside {context}",
    "ASYNC123" ConditionalCall => "the call uses ?. and cannot be awaited as written",
    "ASYNC124" AggregateCatch => "the call is inside a try whose catch expects AggregateException",
    "ASYNC125" AggregateCatchAround =>
        "a catch (AggregateException) around it would stop seeing the exception after the rewrite",
    "ASYNC126" CallOutsideMethod => "the call is outside any method",
    "ASYNC127" OutsideMethod => "it is outside any method",
    "ASYNC128" ConditionalChain => "part of a ?. chain: `await` would throw where the chain is null; rewrite it by hand",
    "ASYNC129" UsedAsValue => "used as a value; only a statement can be rewritten",
    // What the solution around it does not allow.
    "ASYNC130" FileUntouchable { why: String } => "its file {why}",
    "ASYNC131" DoesNotParse => "the function does not parse cleanly",
    "ASYNC132" MarkupUsesIt => "the markup file beside this code-behind uses it, and asyncmod does not read markup",
    "ASYNC133" SplitByConditional =>
        "its declaration is split across #if/#else branches; change each branch by hand",
    "ASYNC134" UsedAsDelegate { at: String } => "it is used as a delegate at {at}",
    "ASYNC135" UnresolvedCaller { at: String } =>
        "the call at {at} may reach it, but its receiver's type cannot be established",
    "ASYNC136" Mocked { at: String } => "a test double configures it at {at} (Setup/Returns); convert the test by hand",
    "ASYNC137" CallerInUntouchableFile { at: String, why: String } => "its caller at {at} is in a file that {why}",
    "ASYNC138" CallerDoesNotParse { at: String } =>
        "its caller at {at} is in code that does not parse, where no await can be added",
    "ASYNC139" NameInBrokenCode { at: String } =>
        "its name appears at {at} in code that does not parse, which may call it where no await can be added",
    "ASYNC140" AmbiguousOverload { at: String } =>
        "an overload at {at} takes the same number of arguments; calls could not be told apart",
    "ASYNC141" GroupMember { name: String, at: String, why: Box<Reason> } => "{name} at {at} must change with it, but {why}",
    "ASYNC142" HandlerCalledDirectly => "it is an event handler that is also called directly",
    "ASYNC143" ExternalOverride { member: String } => "it overrides {member} declared outside the solution",
    "ASYNC144" ExternalImplementation { member: String } => "it may implement {member} declared outside the solution",
    "ASYNC145" GroupTooLarge => "the interface/override group is too large to change safely",
    "ASYNC146" CallerCannotBecomeAsync { at: String, why: Box<Reason> } => "its caller at {at} cannot become async: {why}",
    "ASYNC147" BoundaryDeadlockRisk { why: Box<Reason>, context: String } =>
        "{why}; it would keep a blocking wait on code that now awaits, which deadlocks under a single-threaded (UI or classic ASP.NET) SynchronizationContext, and one may run it: {context} (--allow-boundaries converts it anyway)",
    "ASYNC148" EnclosingCannotBecomeAsync { why: Box<Reason> } => "the enclosing code cannot become async: {why}",
    "ASYNC149" EnclosingMethodCannotBecomeAsync { why: Box<Reason> } =>
        "the enclosing method cannot become async: {why}",
    "ASYNC150" CodeDoesNotParse => "the code around it does not parse, so it is not touched",
    "ASYNC151" NotTouchedFile { why: String } => "not touched: the file {why}",
    "ASYNC152" RewriteFailedVerification =>
        "not rewritten: the file's rewrite failed verification (see the error for this file)",
    "ASYNC153" NotWritten { fix: String } => "not written, as the run wrote no file (see the errors); fix: {fix}",
    // What a change would break or risk outside what the tool can see (the project model).
    "ASYNC250" PublicApi { member: String, project: String, evidence: String } =>
        "{member} is public API of {project}, a published library ({evidence}): changing its signature breaks callers and implementers outside the solution (--public-api change allows it)",
    "ASYNC252" StaThreadBoundary { why: Box<Reason> } =>
        "{why}; it runs on a thread started with an apartment state, which must keep running that code itself: it is never left waiting on an await",
    "ASYNC253" UnsafeFixNotAsked { what: String } => "an unsafe fix: {what}; --unsafe-fixes makes it",
    "ASYNC256" NoVisibleCaller =>
        "nothing in the solution calls it, so its callers are where asyncmod cannot see them (plugins, reflection, markup, a framework); they would drop the task it would return",
    "ASYNC258" NoCallerToAwait =>
        "nothing in the solution calls it, so no caller would await the task: whatever runs it (a framework, markup, reflection) would lose its exceptions, which today reach the process",
    // What the tool cannot prove or write.
    "ASYNC160" WaitAnyIndexUsed =>
        "Task.WaitAny is used for the index it returns; rewrite it with `await Task.WhenAny` by hand",
    "ASYNC161" WaitWithArguments =>
        "Wait with a timeout or token has no direct await form; use `WaitAsync(...)` by hand",
    "ASYNC162" WaitAllUnproven =>
        "cannot prove that every argument of Task.WaitAll is a task (or that none is a timeout)",
    "ASYNC163" ReceiverUnknown => "the receiver's type is unknown, so it is not proven to be a task",
    "ASYNC164" NameHintOnly { hint: String } => "{hint}; rerun with --include-review to rewrite it",
    "ASYNC165" ForEachAsyncLambda =>
        "ForEach does not wait for it and its exceptions crash the process; use a foreach loop with await",
    // bounded-fanout.
    "ASYNC170" FixedSet { count: usize } => "a fixed set of {count} tasks, not a fan-out over a collection",
    "ASYNC171" FixedSetAdded { count: usize } =>
        "a fixed set of {count} tasks added one by one, not a fan-out over a collection",
    "ASYNC172" FixedItems { count: usize, limit: usize } => "a fixed set of {count} items, within the limit of {limit}",
    "ASYNC173" SourceCapped { by: String } => "already bounded: the source is capped by `{by}`",
    "ASYNC174" LambdaLimited => "already bounded: the lambda waits on a SemaphoreSlim (or a rate limiter) itself",
    "ASYNC175" LoopLimited => "already bounded: the loop body waits on a SemaphoreSlim (or a rate limiter)",
    "ASYNC176" Batched => "already batched: each pass of the enclosing loop awaits one bounded batch",
    "ASYNC177" AlreadyBoundedBy { line: usize } => "already bounded by the rewrite on line {line}",
    "ASYNC178" RestructuredBy { line: usize } => "it sits in code restructured by the rewrite on line {line}",
    "ASYNC179" FanoutNotAwaitedHere =>
        "the Task.WhenAll is not awaited where it is called (returned or stored), so a limiter scoped here could be disposed before the work ends",
    "ASYNC180" FanoutWaitedSynchronously =>
        "the Task.WhenAll is waited on synchronously; it is bounded in a run where sync-over-async awaits it",
    "ASYNC181" NoStatementBlock =>
        "the fan-out is not inside a statement block (an expression-bodied member or lambda), so there is no place for the limiter",
    "ASYNC182" NoUsingVar { why: Box<Reason> } =>
        "the project's C# version has no `using var`, and a using block does not fit here: {why}",
    "ASYNC183" LocalFunctionInUsingBlock => "a local function or label would move into the new using block",
    "ASYNC184" UsingBlockToEnd =>
        "the using block would have to reach the end of the block, which holds a local function or label",
    "ASYNC185" UsingBlockSharesLine =>
        "the project's C# version has no `using var`, and the statement shares its line with other code",
    "ASYNC186" CommentInside =>
        "a comment sits inside the code the rewrite would replace; bound this fan-out by hand to keep it",
    "ASYNC187" SelectorAnonymousMethod =>
        "the selector is an anonymous method (`delegate {{ }}`); rewrite it as a lambda first",
    "ASYNC188" SelectorNotWrappable => "the selector is neither a lambda nor a method name, so the work cannot be wrapped",
    "ASYNC189" MethodGroupArity { name: String } =>
        "no `{name}` in the solution takes one argument, so the method group cannot become a call with the item",
    "ASYNC230" FilledOtherwise { name: String } => "`{name}` is also filled with AddRange/Insert; bound that work by hand",
    "ASYNC231" FilledInSeveralLoops { name: String } => "`{name}` is filled at several places in loops; bound it by hand",
    "ASYNC232" ForOrWhileLoop =>
        "the tasks are started in a for/while loop, whose variables the rewrite could not capture safely; only foreach loops are rewritten",
    "ASYNC233" AwaitForeach => "an `await foreach` loop: bound it by hand",
    "ASYNC234" NestedAdd => "the `Add` is nested inside the loop body (under an if or another statement); bound it by hand",
    "ASYNC235" ReadsChangingVariable { name: String } =>
        "the work reads `{name}`, which changes later on; bounded, the work would start later and see another value",
    "ASYNC236" LoopStateLambda =>
        "the lambda also takes the loop state or index, which Parallel.ForEachAsync does not provide",
    "ASYNC237" NotOwnStatement =>
        "it is not a statement of its own (its ParallelLoopResult is used, or it is a lambda's body); rewrite it by hand",
    "ASYNC238" Partitioner => "the source is a Partitioner; rewrite it by hand",
    "ASYNC239" StaticLambda => "the lambda is static and could not use the limiter; drop `static` first",
    "ASYNC240" LambdaAttributes => "the lambda has attributes or an explicit return type; rewrite it by hand",
    "ASYNC241" LambdaNoBody => "the lambda has no body",
    "ASYNC242" BlockLambdaNotAsync =>
        "the lambda has a block body but is not async (it returns its task directly); make it `async` first",
    "ASYNC243" TaskTypeUnknown =>
        "the tasks are read again after Task.WhenAll, so each task's type must stay the same, and whether the work returns a value cannot be established",
    "ASYNC244" ParallelOptionsBeforeNet6 =>
        "ParallelOptions are given, and Parallel.ForEachAsync needs .NET 6; bound the work by hand",
    // cancellation-token.
    "ASYNC190" TokenConstructor => "constructors are called with `new`, which is out of reach",
    "ASYNC191" TokenAccessor => "property and indexer accessors cannot take parameters",
    "ASYNC192" TokenLambda => "a lambda's parameters are fixed by its delegate type",
    "ASYNC193" TakesNoParameters => "it cannot take parameters",
    "ASYNC194" NoParameterList => "it has no parameter list to extend",
    "ASYNC195" ImplicitParameters => "its parameters are implicitly typed",
    "ASYNC196" PartialMethod =>
        "it is a partial method: its declaration and its implementation would both have to change",
    "ASYNC197" EntryPoint => "Main is an entry point with a fixed signature",
    "ASYNC198" TestMethod => "test methods are called by the test framework with fixed arguments",
    "ASYNC199" HandlerSignature => "its event handler signature is fixed by the delegate type",
    "ASYNC200" AsyncVoidToken => "it is async void: fire-and-forget work would be cancelled with its caller's token",
    "ASYNC201" DelegateCannotSupply { why: Box<Reason> } => "{why}, and a delegate cannot supply the new parameter",
    "ASYNC202" TokenOverloadExists { at: String } => "an overload at {at} already takes a token; calls should use it",
    "ASYNC203" UnresolvedParamsCaller { at: String } =>
        "the call at {at} may pass it `params` arguments, but its receiver's type cannot be established",
    "ASYNC204" MayBeNewTokenMethod => "receiver type unknown: if it calls that method, pass the token by hand",
    "ASYNC205" NotPassedFile { why: String } => "not passed: the file {why}",
    "ASYNC206" NotPassedBrokenCode => "not passed: the code around it does not parse",
    "ASYNC207" ReceiverUnknownToken => "receiver type unknown: pass the token by hand if this call takes one",
    "ASYNC208" OverloadsDiffer { callee: String } => "`{callee}` has overloads that take the token differently; pass it by hand",
    "ASYNC209" TokenTooNew { api: String, since: String, target: String } =>
        "{api} takes a token only from {since} on, and the project targets {target}",
    "ASYNC210" ValueTaskWithToken => "with a token it returns a ValueTask, and this call's task is used as a value",
    "ASYNC211" ReceiverUnknownNamed { name: String, at: String } =>
        "receiver type unknown: if it calls {name} at {at}, that method could take the token",
    "ASYNC212" TokenHidden => "a lambda or local function around the call declares a name that hides the token",
    "ASYNC213" RequestToken { what: String, why: String } => "the framework passes a {what} the request's token, and {why}",
    // --rename-async.
    "ASYNC220" RenameMain => "Main is an entry point",
    "ASYNC221" RenameTest => "test methods keep their names",
    "ASYNC222" RenameHandler => "event handlers keep their names",
    "ASYNC223" RenameAction => "controller actions keep their names (routes may depend on them)",
    "ASYNC224" NameTaken { name: String, at: String } => "{name} already exists at {at}",
    "ASYNC225" NameTakenInScope { name: String } => "{name} already exists in the same scope",
    "ASYNC226" NameUsedAsDelegate => "the name is also used as a delegate",
    "ASYNC228" CallNotTied { at: String } => "the call at {at} cannot be tied to it alone",
    "ASYNC227" NameofUse { name: String, at: String } => "nameof({name}) at {at} would change the string it yields",
    // Left alone: not a problem (ASYNC3xx).
    "ASYNC300" AlreadyCompleted { why: String } => "does not block: {why}",
    "ASYNC301" NotATask { type_name: String } => "not a task: its type is `{type_name}`",
    "ASYNC302" EventHandler => "event handler: its delegate type requires void",
    "ASYNC303" KeptAsDelegate { why: Box<Reason> } => "left as async void: {why}",
    "ASYNC304" PassesOwnValue { arg: String } =>
        "passes `{arg}`: not passing the caller's token is a decision, left as written",
    "ASYNC306" ForEachAsyncBounded =>
        "already bounded: Parallel.ForEachAsync runs at most MaxDegreeOfParallelism items at once (the processor count by default)",
    "ASYNC307" WrapperKept { sibling: String, callers: usize } =>
        "a blocking wrapper of {sibling}, kept for synchronous callers: code that can be async awaits {sibling} instead ({callers} call(s) changed in this run)",
    "ASYNC305" AlreadyPasses { arg: String } => "already passes `{arg}`",
    // Precision of sync-over-async, async-void and bounded-fanout: intent the code states, conventions, and
    // fan-outs that are small or deliberate (ASYNC470–499).
    "ASYNC470" Suppressed { how: String } => "suppressed by {how}: the code says this is deliberate",
    "ASYNC471" Obsolete { member: String } =>
        "{member} is marked [Obsolete]: code on its way out keeps its signature",
    "ASYNC472" DisposePattern { member: String } =>
        "{member} belongs to the dispose pattern, which callers run synchronously (`using`, finalizers); implement IAsyncDisposable by hand",
    "ASYNC473" NameInCref { name: String, at: String } =>
        "a documentation comment names {name} at {at} (`cref`), which would no longer resolve",
    "ASYNC474" InjectedServices { name: String } =>
        "a fan-out over `{name}`, services injected through the constructor: a small set fixed at startup",
    "ASYNC475" TasksAlreadyStarted { why: String } =>
        "the tasks are already running ({why}): a limiter around them would bound nothing",
    "ASYNC476" BulkBranch { flag: String } =>
        "inside a branch taken when `{flag}` is set: running the work all at once is the point there",
    "ASYNC477" TestCode => "in test code, whose concurrency is deliberate (a stress test, a race test)",
    "ASYNC478" SourceNotKnownLarge { source: String } =>
        "`{source}` is not known to be large (what is: a method's input, a query or repository result, a file listing, a range of computed length); a fan-out over a small set needs no limit",
    "ASYNC479" WaitAllListUnproven { name: String } =>
        "`{name}` is not declared as a List<Task>, Task[] or other collection of tasks",
    "ASYNC480" SyncTwin { twin: String } =>
        "it is the synchronous counterpart of {twin}, kept for callers that cannot await; those that can call {twin}",
    "ASYNC482" StartNewLambda =>
        "it is a Task.Factory.StartNew lambda: made async, the task StartNew returns would complete at its first await (StartNew does not unwrap)",
    "ASYNC483" TaskRunStored =>
        "the Task.Run task is stored, not awaited where it starts: with an async lambda it becomes a proxy whose Status is never Running, which code that checks it would misread",
    "ASYNC481" WaitOnlyMoves { why: Box<Reason> } =>
        "converting it would only move the wait: {why}, and no caller further up awaits instead",
    // cancellation-token: where a token may go, which overload may take it, how far it is threaded (ASYNC400–449).
    "ASYNC400" TokenOverloadIsEnclosing { name: String } =>
        "token not passed: the overload that takes one is {name}, the enclosing method itself (or a member it implements or overrides), so the call would become a call to itself",
    "ASYNC401" TokenOverloadReturnsOther { callee: String, with: String, without: String } =>
        "token not passed: the overload of {callee} that takes one returns `{with}`, where this call's returns `{without}`",
    "ASYNC402" TokenOverloadMarked { callee: String, attribute: String } =>
        "token not passed: the overload of {callee} that takes one is marked [{attribute}]",
    "ASYNC403" TokenArgumentsUnproven { callee: String } =>
        "token not passed: the argument types do not prove that this call reaches the {callee} that takes a token; pass it by hand if it does",
    "ASYNC404" TokenBeforeParamsArguments => "token not passed: it would have to go ahead of `params` arguments",
    "ASYNC405" TokenInCatch =>
        "token not passed: inside a catch block, where cleanup must run to the end and a cancellation would mask the exception being handled",
    "ASYNC406" TokenInFinally =>
        "token not passed: inside a finally block, which must run to the end on the very path cancellation takes",
    "ASYNC407" TokenInDisposal { name: String } =>
        "token not passed: inside {name}, which releases resources and must run to the end",
    "ASYNC408" TokenToCleanup { callee: String } =>
        "token not passed: {callee} releases resources and must run to the end",
    "ASYNC409" TokenDetachedTask { how: String } =>
        "token not passed: the task is {how}, so the work outlives the caller, whose token would cancel it once the caller is done",
    "ASYNC410" TokenSharedWork { host: String } =>
        "token not passed: the work is created by a {host} factory and shared with later callers; one caller's cancellation would reach them all",
    "ASYNC411" TokenDeferredDelegate { how: String } =>
        "token not passed: the code runs in a delegate that is {how}, after the caller may be done",
    "ASYNC412" TokenSchedulerArgument =>
        "not a sink: Task.Run and StartNew take a token only to cancel the start, and work that never starts can leave state behind (a flag set, a queue never drained)",
    "ASYNC413" TokenSynchronousMethod => "it is synchronous: a token parameter is added only to methods that return a task",
    "ASYNC414" TokenInTestProject => "it is in a test project: tests pass the tokens they have, and get no new parameters",
    "ASYNC415" TokenParamsMethod =>
        "its last parameter is a params array: a new token would have to go ahead of the params arguments",
    "ASYNC416" TokenDisposalMethod { name: String } => "{name} releases resources and must run to the end: it takes no token",
    "ASYNC417" TokenTooManyHops { sink: String, hops: usize, limit: usize } =>
        "the token would be threaded through {hops} methods to reach {sink} (more than --token-hops {limit}); thread it by hand if that chain should be cancellable",
    "ASYNC418" TokenSideEffects { sinks: String } =>
        "the request is a write, and its token would reach several calls ({sinks}); cancelling half-way could leave them out of step, so the action stays uncancellable (a write gets the token where one I/O does its work)",
    "ASYNC419" TokenWouldBeDead =>
        "no call below it would pass the token on to I/O in this run, so the parameter would be dead",
    "ASYNC420" TokenMockNotUpdatable { at: String, why: String } =>
        "a test double configures it at {at}, and {why}: the setup cannot take an any-matcher for the new parameter",
    "ASYNC421" TokenTestIntent =>
        "the test chooses its tokens itself (it builds tokens or passes them selectively); left as written",
    "ASYNC422" TokenSeveralInScope { names: String } => "several tokens are in scope ({names}); pass the right one by hand",
    "ASYNC423" TokenSequenceTypeUnknown =>
        "the sequence's type is unknown: add .WithCancellation(token) by hand if it is an IAsyncEnumerable<T>",
    "ASYNC424" TokenHandlerNotResolved { name: String } =>
        "the route handler {name} cannot be tied to one method of the solution",
    "ASYNC425" TokenOmittedDeliberately { callee: String } =>
        "token not passed: another call to {callee} in the same code passes a token and this one does not, which reads as a choice",
    "ASYNC426" TokenToLogger { callee: String } =>
        "token not passed: {callee} writes a log or audit record; cancelling it saves nothing and loses the record",
    "ASYNC427" TokenToFileWrite { callee: String } =>
        "token not passed: {callee} writes a local file; the write is quick, and a cancelled one leaves a truncated file",
    // Suppressions and configuration (ASYNC500–549).
    "ASYNC500" SuppressedBy { how: String } => "suppressed by {how}",
    "ASYNC501" OnSuppressedLine { how: String } =>
        "it is on a line asyncmod is told to leave alone ({how}), and changing it would change that line",
    "ASYNC502" CallerOnSuppressedLine { at: String, how: String } =>
        "its caller at {at} is on a line asyncmod is told to leave alone ({how}), where no await can be added",
    "ASYNC505" UnusedSuppressionReason =>
        "no finding it names is on the lines it covers, and it kept no change out; remove it (or fix its ids)",
    // async-alternative (ASYNC550–599).
    "ASYNC550" SiblingObsolete { sibling: String } => "{sibling} is marked [Obsolete]",
    "ASYNC551" SiblingReturnDiffers { sibling: String, returns: String } =>
        "{sibling} returns `{returns}`, not a task of this call's result",
    "ASYNC552" SiblingParametersDiffer { sibling: String } =>
        "{sibling} takes other parameters (their names or types differ), which may mean something else",
    "ASYNC553" SiblingOffloads { sibling: String } =>
        "{sibling} calls this method itself: awaiting it frees no thread",
    "ASYNC554" InSyncLambda =>
        "inside a synchronous lambda or local function in async code, where `await` cannot go",
    "ASYNC555" AlternativeTooNew { api: String, since: String, target: String } =>
        "{api} exists from {since}, and the project targets {target}",
    "ASYNC556" AlternativeByHand { why: String } => "{why}",
    "ASYNC557" AwaitUsingNeedsCSharp8 => "`await using` needs C# 8 or later",
    "ASYNC558" SiblingNotReachable { sibling: String } =>
        "{sibling} is less visible than the method called, or static where it is not",
    "ASYNC559" SyncStartsSibling { callee: String, sibling: String } =>
        "{callee} starts {sibling} without waiting for it: awaiting {sibling} would wait where the call did not",
    "ASYNC560" LockNotPrivateField => "the lock object is not a private field of the class",
    "ASYNC561" LockUsedOtherwise { at: String } =>
        "the lock object is used other than by `lock` statements of its class, at {at}",
    "ASYNC562" LockNeedsThreadAffinity { what: String } =>
        "the code under the lock needs the lock's thread affinity: {what}",
    "ASYNC563" LockReentrant { at: String } =>
        "the call at {at} may re-enter the same lock, which a SemaphoreSlim would deadlock",
    "ASYNC564" LockBodyNotRewritable { why: Box<Reason> } => "the locked code cannot become async: {why}",
    // configure-await (ASYNC600–616).
    "ASYNC600" UiSideLibrary { evidence: String } =>
        "only UI applications run this library ({evidence}): its code may count on resuming on the UI thread after an await",
    "ASYNC601" ConfigureAwaitRuleOff { how: String } => "the project turns the ConfigureAwait rule off ({how})",
    "ASYNC602" ContextChosenInFile => "the file uses ConfigureAwait(true): its awaits choose their context deliberately",
    "ASYNC603" OwnTaskScheduler { what: String } =>
        "the file schedules work on a TaskScheduler of its own (`{what}`), where an await without ConfigureAwait resumes and ConfigureAwait(false) would not",
    "ASYNC604" NeedsContext { what: String } =>
        "the member uses `{what}`, which needs the context its awaits resume on",
    "ASYNC605" YieldAwaitable => "Task.Yield() returns a YieldAwaitable, which has no ConfigureAwait",
    "ASYNC606" NotATaskAwaitable { type_name: String } =>
        "it awaits a `{type_name}`, not a Task or ValueTask, which has no ConfigureAwait(bool)",
    "ASYNC607" AwaitedTypeUnknown =>
        "the awaited expression's type is not established: it may be an awaitable without ConfigureAwait",
    "ASYNC608" ResourceMayBeNull =>
        "the resource may be null, which `await using` skips and ConfigureAwait would not; configure it by hand",
    "ASYNC609" DiscardNameTaken =>
        "`_` is taken in this member (by a local, a discard or another configured disposal), so the configured disposal has no name; configure it by hand",
    "ASYNC610" ResourceNameWouldClash { name: String } =>
        "moved before the statement, `{name}` would reach the rest of the block, which uses that name too",
    "ASYNC611" NotOnItsOwnLine => "the statement shares its line with other code; configure it by hand",
    "ASYNC612" NotInBlock => "the statement is not directly inside a block, so nothing can go before it",
    "ASYNC613" SeveralResources => "it declares several resources; configure each by hand",
    "ASYNC614" NotConfigurable { type_name: String, interface: String } =>
        "`{type_name}` does not implement {interface}, so it has no ConfigureAwait",
    "ASYNC615" StructResource { type_name: String } =>
        "`{type_name}` is a struct: ConfigureAwait would work on a boxed copy",
    "ASYNC616" AlreadyConfigured =>
        "configured already: it is, or comes from, the result of ConfigureAwait (a configured awaitable or enumerator)",
    "ASYNC617" RestructuredInRun =>
        "another rewrite of this run restructures the code around it; it is configured in a pass over the output",
    "ASYNC618" UiFrameworkCode { what: String } =>
        "the file is UI code (`{what}`): after an await it may need the UI thread or the renderer's context",
    // task-run-async (ASYNC620–629).
    "ASYNC620" ContextMayRun { evidence: String } =>
        "a single-threaded SynchronizationContext may run this code ({evidence}): Task.Run keeps the synchronous start of the call off that thread",
    "ASYNC621" SyncWorkFirst { what: String } =>
        "the lambda does synchronous work before the async call starts (`{what}`), which Task.Run keeps off the caller's thread",
    "ASYNC622" TaskRunInLambda =>
        "inside a lambda, which may run once for each item of a fan-out: Task.Run lets each item's synchronous start run in parallel",
    "ASYNC623" TaskRunToken =>
        "Task.Run is given a CancellationToken, which skips the work when cancelled before it starts; unwrapped, the call would start anyway",
    "ASYNC624" HostStartup { method: String } =>
        "in {method} of a hosted service, Task.Run keeps the work's synchronous start from holding up the host's startup",
    "ASYNC625" NotOnlyAsyncCall => "the lambda does more than start one async call",
    "ASYNC626" ExposeSyncApi =>
        "expose the synchronous method and let callers decide where to run it: the wrapper only moves the blocking to a pool thread, and callers cannot tell it from asynchronous I/O",
    "ASYNC627" UnwrappedInPass =>
        "the wait inside the lambda becomes an await in this run; the Task.Run is unwrapped in a pass over the output",
    "ASYNC628" TaskRunValueTask =>
        "the lambda returns a ValueTask, which Task.Run does not unwrap: awaiting it yields the ValueTask itself",
    "ASYNC629" CommentInLambda => "a comment inside the lambda would be lost; unwrap it by hand",
    // fire-and-forget: tasks dropped on purpose, and awaits that would hold the code up (ASYNC630–644).
    "ASYNC630" DiscardedOnPurpose => "discarded on purpose (`_ = …`): the code says the work runs in the background",
    "ASYNC631" ForgetHelper { helper: String } =>
        "handed to `{helper}()`, a fire-and-forget helper: the code says the work runs in the background",
    "ASYNC632" ContinuationAttached =>
        "a continuation (`ContinueWith`) handles its outcome; awaiting would wait for the continuation instead",
    "ASYNC633" StartsBackgroundWork { api: String } =>
        "`{api}` starts work in the background on purpose; awaiting it would make this code wait for that work: await it, keep the task, or discard it with `_ =` by hand",
    "ASYNC634" CalleeRunsUntilCancelled { callee: String } =>
        "{callee} loops until it is cancelled: awaiting it here would wait until then",
    "ASYNC635" HostedServiceStart { member: String } =>
        "{member} starts a hosted service, and the host waits for it before it goes on: work it starts runs in the background by design",
    "ASYNC636" LoopStartsWork =>
        "inside a loop that runs until the code stops (a dispatch loop): each pass starts the work and goes on, and awaiting would handle one item at a time",
    "ASYNC637" LaterCodeCompletesIt { what: String, at: String } =>
        "`{what}` at {at}, after the call, may be what the work waits for: awaiting the call first could wait forever",
    "ASYNC638" CallsItself =>
        "the call starts the function itself again (a fire-and-forget loop): awaiting would chain every pass",
    "ASYNC639" WaitsForUser { callee: String } =>
        "{callee} in UI code shows something that completes when the user closes it: awaiting it would hold this code until then",
    // async-lambda-void: async lambdas run as void delegates (ASYNC645–659).
    "ASYNC645" ParallelAsyncLambda { api: String } =>
        "{api} runs each async lambda as async void and returns before the work ends; use Parallel.ForEachAsync (.NET 6+) or a loop with await by hand",
    "ASYNC646" VoidDelegateParameter { callee: String, param: String } =>
        "{callee} takes it as `{param}`, a delegate that returns void: nobody waits for it and its exceptions crash the process; give {callee} an overload that takes a Func returning Task",
    "ASYNC647" VoidEventAsyncLambda =>
        "the event's delegate returns void: the code that raises it does not wait for the lambda, and outside UI code its exceptions crash the process",
    "ASYNC648" UiEventHandlerLambda =>
        "an async event handler in UI code: the UI context runs it and reports its exceptions, the usual way to start async work from a UI event",
    "ASYNC649" ForEachNotAStatement =>
        "the ForEach call is not a statement of its own (an expression body, or its value is used); rewrite it by hand",
    "ASYNC650" ForEachSharesLine => "the ForEach statement shares its line with other code; rewrite it by hand",
    "ASYNC651" LambdaNotPlain =>
        "the lambda does not have exactly one plain parameter (or it has attributes or an explicit return type); rewrite it by hand",
    "ASYNC652" LambdaNeverAwaits => "the lambda's body is an expression that is not awaited; rewrite it by hand",
    "ASYNC653" CommentInRewrite => "a comment or directive sits in the code the rewrite would replace; rewrite it by hand to keep it",
    "ASYNC654" ReturnInNestedLoop =>
        "a `return` inside a loop of the lambda would have to leave that loop and continue the outer one; rewrite it by hand",
    "ASYNC655" LoopVariableClash { name: String } =>
        "the lambda declares `{name}`, which the code around it declares too: as a loop's, the name would clash (CS0136)",
    "ASYNC656" VoidDelegateVariable { delegate: String } =>
        "whoever invokes the `{delegate}` does not wait for the lambda, and its exceptions crash the process; declare it as a Func returning Task and await it",
    "ASYNC657" TaskOfAsyncAction =>
        "`new Task(…)` takes the lambda as an Action: the task completes at the lambda's first await, not when its work ends, and the work's exceptions crash the process; start the async work itself (call it, or `Task.Run(async …)`) and keep that task",
    "ASYNC658" VoidFrameworkCallback { api: String, delegate: String } =>
        "{api} takes it as `{delegate}`, a delegate that returns void: it returns at the lambda's first await, nobody waits for the rest, and its exceptions crash the process; call the async work another way",
}

impl Finding {
    /// Whether a finding of this code is a consequence of another site's fix (a call awaited because its callee
    /// became async, a token passed to a new parameter): part of that root's change set, not a root cause.
    pub fn is_consequence(code: Code) -> bool {
        matches!(code.0, "ASYNC008" | "ASYNC009" | "ASYNC035" | "ASYNC039" | "ASYNC051")
    }
}

impl Reason {
    /// The reason that decides, inside the ones that only say where it applies ("the enclosing code cannot
    /// become async: …", "… must change with it, but …"): what a report's code names, and what a suppression
    /// or a tally groups by.
    pub fn cause(&self) -> &Reason {
        match self {
            Reason::EnclosingCannotBecomeAsync { why }
            | Reason::EnclosingMethodCannotBecomeAsync { why }
            | Reason::GroupMember { why, .. }
            | Reason::KeptAsDelegate { why }
            | Reason::NoUsingVar { why } => why.cause(),
            other => other,
        }
    }
}

/// A construct around a site that no `await` may enter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Lock,
    Query,
    Unsafe,
    CatchFilter,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Context::Lock => "a lock statement",
            Context::Query => "a query expression",
            Context::Unsafe => "an unsafe block",
            Context::CatchFilter => "a catch filter (`when`)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for (code, name, wording) in Finding::TABLE.iter().chain(Reason::TABLE) {
            assert!(seen.insert(*code), "{code} is used twice ({name})");
            assert!(code.len() == 8 && code.starts_with("ASYNC") && code[5..].chars().all(|c| c.is_ascii_digit()));
            assert!(!wording.is_empty());
        }
        // Findings are ASYNC0xx, and ASYNC54x for the findings about suppressions themselves.
        assert!(Finding::TABLE.iter().all(|(c, _, _)| c.starts_with("ASYNC0") || c.starts_with("ASYNC54")));
        assert!(Reason::TABLE.iter().all(|(c, _, _)| !c.starts_with("ASYNC0")));
    }

    #[test]
    fn wording_is_kept() {
        let inner = Reason::InContext { context: Context::Lock };
        assert_eq!(inner.to_string(), "inside a lock statement");
        let r = Reason::CallerCannotBecomeAsync { at: "A.cs:3:5".into(), why: Box::new(Reason::Constructor) };
        assert_eq!(r.to_string(), "its caller at A.cs:3:5 cannot become async: constructors cannot be async");
        assert_eq!(r.code(), Code("ASYNC146"));
    }

    #[test]
    fn the_cause_is_inside_the_wrappers_that_only_say_where() {
        let public = Reason::PublicApi { member: "S.M".into(), project: "P".into(), evidence: "e".into() };
        let group = Reason::GroupMember { name: "M".into(), at: "a".into(), why: Box::new(public.clone()) };
        let wrapped = Reason::EnclosingCannotBecomeAsync { why: Box::new(group) };
        assert_eq!(wrapped.cause(), &public);
        let caller = Reason::CallerCannotBecomeAsync { at: "a".into(), why: Box::new(Reason::Constructor) };
        assert_eq!(caller.cause().code(), Code("ASYNC146"));
    }
}
