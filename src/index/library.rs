//! Well-known library types and members the solution index cannot see.
//! Data, not logic: each row is a fact about the .NET base class library.

/// Static members that return tasks: `Task.Run(...)` and friends.
pub const TASK_FACTORIES: &[(&str, &str, &str)] = &[
    ("Task", "Run", "Task"),
    ("Task", "FromResult", "Task"),
    ("Task", "WhenAll", "Task"),
    ("Task", "WhenAny", "Task"),
    ("Task", "Delay", "Task"),
    ("Task", "Yield", "Task"),
    ("Task", "FromException", "Task"),
    ("Task", "FromCanceled", "Task"),
    ("ValueTask", "FromResult", "ValueTask"),
];

/// Library types whose methods ending in `Async` return tasks (so `.Result` on them is proven task-typed).
pub const ASYNC_API_TYPES: &[&str] = &[
    "HttpClient",
    "HttpContent",
    "Stream",
    "FileStream",
    "MemoryStream",
    "NetworkStream",
    "StreamReader",
    "StreamWriter",
    "TextReader",
    "TextWriter",
    "File",
    "JsonSerializer",
    "DbContext",
    "DbSet",
    "DbConnection",
    "DbCommand",
    "DbDataReader",
    "SqlConnection",
    "SqlCommand",
    "SemaphoreSlim",
    "ChannelReader",
    "ChannelWriter",
    "Socket",
    "WebSocket",
    "SmtpClient",
    "TaskCompletionSource",
    "IAsyncEnumerator",
    "IDbContextTransaction",
    "DatabaseFacade",
    "IQueryable",
    "IHost",
    "IHostedService",
    "Dns",
];

/// Types (simple names) whose instances are awaitable tasks.
pub fn is_task_like(type_text: &str) -> bool {
    matches!(crate::syntax::simple_type_name(type_text), "Task" | "ValueTask")
}

/// True for `Task<T>`/`ValueTask<T>` (a value comes out of `await`).
pub fn is_generic_task(type_text: &str) -> bool {
    is_task_like(type_text) && type_text.contains('<')
}

/// `Task<T>` → `T`.
pub fn task_result_type(type_text: &str) -> Option<String> {
    if !is_generic_task(type_text) {
        return None;
    }
    let open = type_text.find('<')?;
    let close = type_text.rfind('>')?;
    Some(type_text[open + 1..close].trim().to_string())
}

/// Interfaces outside the solution with the members a class may implement implicitly.
/// A method implementing one of these cannot change its signature.
pub const EXTERNAL_INTERFACE_MEMBERS: &[(&str, &[&str])] = &[
    ("IDisposable", &["Dispose"]),
    ("IAsyncDisposable", &["DisposeAsync"]),
    ("IEnumerable", &["GetEnumerator"]),
    ("IEnumerator", &["MoveNext", "Reset", "Current"]),
    ("IComparable", &["CompareTo"]),
    ("IComparer", &["Compare"]),
    ("IEquatable", &["Equals"]),
    ("IEqualityComparer", &["Equals", "GetHashCode"]),
    ("ICloneable", &["Clone"]),
    ("IFormattable", &["ToString"]),
    ("INotifyPropertyChanged", &[]),
    ("ICommand", &["Execute", "CanExecute"]),
    ("IHostedService", &["StartAsync", "StopAsync"]),
    ("IObserver", &["OnNext", "OnError", "OnCompleted"]),
    ("IObservable", &["Subscribe"]),
];

/// Members of `object` every class inherits; overriding them fixes the signature.
pub const OBJECT_MEMBERS: &[&str] = &["ToString", "Equals", "GetHashCode", "Finalize"];

/// Base classes outside the solution that users commonly derive from and whose
/// members a derived class cannot implicitly implement (only `override` can).
pub const CONTROLLER_BASES: &[&str] = &["ControllerBase", "Controller", "ApiController", "PageModel"];

/// Attributes that mark test methods (test frameworks accept `async Task` tests).
pub const TEST_ATTRIBUTES: &[&str] =
    &["Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod"];

/// Guess for an interface name (`IFoo`): used only for types outside the solution.
pub fn looks_like_interface(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next() == Some('I') && chars.next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Generic library collections of one element type (`List<T>` → `T`): what `foreach` over them gives.
const SEQUENCES: &[&str] = &[
    "IEnumerable",
    "ICollection",
    "IList",
    "IReadOnlyList",
    "IReadOnlyCollection",
    "ISet",
    "IReadOnlySet",
    "List",
    "HashSet",
    "SortedSet",
    "LinkedList",
    "Queue",
    "Stack",
    "ConcurrentBag",
    "ConcurrentQueue",
    "ConcurrentStack",
    "BlockingCollection",
    "IProducerConsumerCollection",
    "ImmutableArray",
    "ImmutableList",
    "ImmutableHashSet",
    "ImmutableSortedSet",
    "ImmutableQueue",
    "ImmutableStack",
    "IImmutableList",
    "IImmutableSet",
    "Collection",
    "ReadOnlyCollection",
    "ObservableCollection",
    "ReadOnlyObservableCollection",
    "IQueryable",
    "IOrderedQueryable",
    "IOrderedEnumerable",
    "DbSet",
    "IEnumerator",
];

/// Of those, the ones whose indexer `[int]` gives an element.
const INDEXABLE: &[&str] = &[
    "IList",
    "IReadOnlyList",
    "List",
    "ImmutableArray",
    "ImmutableList",
    "IImmutableList",
    "Collection",
    "ReadOnlyCollection",
    "ObservableCollection",
    "ReadOnlyObservableCollection",
];

/// Generic library dictionaries (`Dictionary<K, V>`): a sequence of `KeyValuePair<K, V>`, indexed by `K` to a `V`.
const DICTIONARIES: &[&str] = &[
    "Dictionary",
    "IDictionary",
    "IReadOnlyDictionary",
    "ConcurrentDictionary",
    "SortedDictionary",
    "SortedList",
    "ImmutableDictionary",
    "ImmutableSortedDictionary",
    "IImmutableDictionary",
    "FrozenDictionary",
];

/// Sequences that LINQ operators keep queryable (`db.Orders.Where(…)` is still an `IQueryable<Order>`).
const QUERYABLES: &[&str] = &["IQueryable", "IOrderedQueryable", "DbSet"];

/// LINQ operators that give a sequence of the same elements.
const LINQ_SAME_SEQUENCE: &[&str] = &[
    "Where",
    "OrderBy",
    "OrderByDescending",
    "ThenBy",
    "ThenByDescending",
    "Take",
    "Skip",
    "TakeWhile",
    "SkipWhile",
    "TakeLast",
    "SkipLast",
    "Distinct",
    "DistinctBy",
    "Reverse",
    "Concat",
    "Union",
    "Intersect",
    "Except",
    "DefaultIfEmpty",
    "AsNoTracking",
    "AsTracking",
    "Include",
    "ThenInclude",
];

/// LINQ operators that give one element.
const LINQ_ELEMENT: &[&str] = &[
    "First",
    "FirstOrDefault",
    "Single",
    "SingleOrDefault",
    "Last",
    "LastOrDefault",
    "ElementAt",
    "ElementAtOrDefault",
];

/// Methods whose lambda argument's first parameter is an element of the receiver (`items.Any(x => …)`).
const LAMBDA_OVER_ELEMENTS: &[&str] = &[
    "Select",
    "SelectMany",
    "Where",
    "Any",
    "All",
    "Count",
    "LongCount",
    "First",
    "FirstOrDefault",
    "Single",
    "SingleOrDefault",
    "Last",
    "LastOrDefault",
    "OrderBy",
    "OrderByDescending",
    "ThenBy",
    "ThenByDescending",
    "TakeWhile",
    "SkipWhile",
    "GroupBy",
    "ToDictionary",
    "ToLookup",
    "Sum",
    "Min",
    "Max",
    "Average",
    "MinBy",
    "MaxBy",
    "DistinctBy",
    "ForEach",
    "Find",
    "FindAll",
    "FindIndex",
    "FindLast",
    "Exists",
    "TrueForAll",
    "RemoveAll",
];

/// A test double's configuration methods, whose lambda's parameter is the mocked type (`mock.Setup(x => …)`).
const MOCK_SETUPS: &[&str] =
    &["Setup", "SetupGet", "SetupSet", "SetupProperty", "SetupSequence", "Verify", "VerifyGet", "VerifySet"];

/// `Dictionary<string, List<int>>` → (`Dictionary`, [`string`, `List<int>`]): the simple name and the type
/// arguments of a generic type, `None` for any other.
pub fn split_generic(type_text: &str) -> Option<(&str, Vec<&str>)> {
    let t = type_text.trim().trim_end_matches('?');
    let open = t.find('<')?;
    let inner = t.strip_suffix('>')?.get(open + 1..)?;
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    Some((crate::syntax::simple_type_name(&t[..open]), args))
}

/// `T[]` → `T` (one-dimensional arrays).
pub fn array_element(type_text: &str) -> Option<&str> {
    type_text.trim().trim_end_matches('?').strip_suffix("[]").map(str::trim)
}

/// What `foreach` over a value of this library type gives.
pub fn library_element(type_text: &str) -> Option<String> {
    if let Some(e) = array_element(type_text) {
        return Some(e.to_string());
    }
    let (head, args) = split_generic(type_text)?;
    match args.as_slice() {
        [one] if SEQUENCES.contains(&head) => Some(one.to_string()),
        [k, v] if DICTIONARIES.contains(&head) => Some(format!("KeyValuePair<{k}, {v}>")),
        [_, v] if head == "IGrouping" => Some(v.to_string()),
        [k, v] if head == "ILookup" => Some(format!("IGrouping<{k}, {v}>")),
        _ => None,
    }
}

/// What `e[i]` on a value of this library type gives.
pub fn library_indexed(type_text: &str) -> Option<String> {
    if let Some(e) = array_element(type_text) {
        return Some(e.to_string());
    }
    let (head, args) = split_generic(type_text)?;
    match args.as_slice() {
        [one] if INDEXABLE.contains(&head) => Some(one.to_string()),
        [_, v] if DICTIONARIES.contains(&head) => Some(v.to_string()),
        [k, v] if head == "ILookup" => Some(format!("IEnumerable<{v}>")).filter(|_| !k.is_empty()),
        _ => None,
    }
}

/// The type of property `member` of this library type, for the generic types whose members give their type
/// arguments back (`Lazy<T>.Value`, `Mock<T>.Object`, `KeyValuePair<K, V>.Key`).
pub fn library_member(type_text: &str, member: &str) -> Option<String> {
    let (head, args) = split_generic(type_text)?;
    let one = |i: usize| args.get(i).map(|a| a.to_string());
    match (head, member, args.len()) {
        ("Lazy", "Value", 1) | ("Mock", "Object", 1) | ("Task" | "ValueTask", "Result", 1) => one(0),
        ("Nullable", "Value", 1) | ("IEnumerator", "Current", 1) => one(0),
        ("KeyValuePair", "Key", 2) | ("IGrouping", "Key", 2) => one(0),
        ("KeyValuePair", "Value", 2) => one(1),
        ("TaskCompletionSource", "Task", 1) => Some(format!("Task<{}>", args[0])),
        ("Channel", "Reader", 1) => Some(format!("ChannelReader<{}>", args[0])),
        ("Channel", "Writer", 1) => Some(format!("ChannelWriter<{}>", args[0])),
        (h, "Keys", 2) if DICTIONARIES.contains(&h) => Some(format!("IEnumerable<{}>", args[0])),
        (h, "Values", 2) if DICTIONARIES.contains(&h) => Some(format!("IEnumerable<{}>", args[1])),
        _ => None,
    }
}

/// Library types and the library type each derives from or implements, for the rows below (`SqlConnection` is a
/// `DbConnection`, which is an `IDbConnection`).
const LIBRARY_BASES: &[(&str, &str)] = &[
    ("SqlConnection", "DbConnection"),
    ("NpgsqlConnection", "DbConnection"),
    ("SqliteConnection", "DbConnection"),
    ("MySqlConnection", "DbConnection"),
    ("DbConnection", "IDbConnection"),
    ("SqlCommand", "DbCommand"),
    ("NpgsqlCommand", "DbCommand"),
    ("SqliteCommand", "DbCommand"),
    ("SqlTransaction", "DbTransaction"),
    ("NpgsqlTransaction", "DbTransaction"),
    ("SqliteTransaction", "DbTransaction"),
    ("SqlDataReader", "DbDataReader"),
    ("FileStream", "Stream"),
    ("MemoryStream", "Stream"),
    ("NetworkStream", "Stream"),
    ("StreamReader", "TextReader"),
    ("StreamWriter", "TextWriter"),
    ("IdentityDbContext", "DbContext"),
];

/// Properties of library types that the index follows: (type, member, its type).
const LIBRARY_MEMBERS: &[(&str, &str, &str)] = &[
    ("DbContext", "Database", "DatabaseFacade"),
    ("HttpResponseMessage", "Content", "HttpContent"),
    ("HttpRequestMessage", "Content", "HttpContent"),
    ("Process", "StandardOutput", "StreamReader"),
    ("Process", "StandardError", "StreamReader"),
    ("Process", "StandardInput", "StreamWriter"),
];

/// Methods of library types (instance or extension) that the index follows: (type, method, return type).
const LIBRARY_RETURNS: &[(&str, &str, &str)] = &[
    ("DatabaseFacade", "GetDbConnection", "DbConnection"),
    ("DatabaseFacade", "BeginTransaction", "IDbContextTransaction"),
    ("DatabaseFacade", "BeginTransactionAsync", "Task<IDbContextTransaction>"),
    ("SqlConnection", "BeginTransaction", "SqlTransaction"),
    ("SqlConnection", "CreateCommand", "SqlCommand"),
    ("DbConnection", "BeginTransaction", "DbTransaction"),
    ("DbConnection", "BeginTransactionAsync", "ValueTask<DbTransaction>"),
    ("DbConnection", "CreateCommand", "DbCommand"),
    ("SqlCommand", "ExecuteReader", "SqlDataReader"),
    ("DbCommand", "ExecuteReader", "DbDataReader"),
    ("DbCommand", "ExecuteReaderAsync", "Task<DbDataReader>"),
    ("IDbConnection", "QueryMultipleAsync", "Task<GridReader>"),
    ("IDbConnection", "QueryMultiple", "GridReader"),
    ("HttpClient", "GetAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "PostAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "PutAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "PatchAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "DeleteAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "SendAsync", "Task<HttpResponseMessage>"),
    ("HttpClient", "Send", "HttpResponseMessage"),
    ("HttpContent", "ReadAsStringAsync", "Task<string>"),
    ("HttpContent", "ReadAsStreamAsync", "Task<Stream>"),
    ("HttpContent", "ReadAsByteArrayAsync", "Task<byte[]>"),
    ("File", "OpenRead", "FileStream"),
    ("File", "OpenWrite", "FileStream"),
    ("File", "Create", "FileStream"),
    ("File", "Open", "FileStream"),
    ("File", "OpenText", "StreamReader"),
    ("File", "CreateText", "StreamWriter"),
    ("File", "AppendText", "StreamWriter"),
    ("File", "ReadAllText", "string"),
    ("File", "ReadAllTextAsync", "Task<string>"),
    ("File", "ReadAllLines", "string[]"),
    ("File", "ReadAllBytes", "byte[]"),
    ("Process", "Start", "Process"),
];

/// `simple` and the library types it derives from, most derived first.
pub fn library_lineage(simple: &str) -> Vec<&str> {
    let mut out = vec![simple];
    while let Some((_, base)) = LIBRARY_BASES.iter().find(|(t, _)| Some(t) == out.last()) {
        if out.contains(base) || out.len() > 8 {
            break;
        }
        out.push(base);
    }
    out
}

/// The type of property `member` of the (non-generic) library type `simple` or a library type it derives from.
pub fn library_plain_member(simple: &str, member: &str) -> Option<&'static str> {
    library_lineage(simple)
        .into_iter()
        .find_map(|t| LIBRARY_MEMBERS.iter().find(|(ty, m, _)| *ty == t && *m == member).map(|(_, _, r)| *r))
}

/// What method `method` of the library type `simple` (or a library type it derives from) returns.
pub fn library_return(simple: &str, method: &str) -> Option<&'static str> {
    library_lineage(simple)
        .into_iter()
        .find_map(|t| LIBRARY_RETURNS.iter().find(|(ty, m, _)| *ty == t && *m == method).map(|(_, _, r)| *r))
}

/// The type of an `out var` argument at `position` of a call to `method` on this library type
/// (`dictionary.TryGetValue(key, out var value)`).
pub fn library_out_argument(type_text: &str, method: &str, position: u32) -> Option<String> {
    let (head, args) = split_generic(type_text)?;
    match (method, position, args.as_slice()) {
        ("TryGetValue" | "TryRemove", 1, [_, v]) if DICTIONARIES.contains(&head) => Some(v.to_string()),
        ("TryDequeue" | "TryPeek" | "TryPop" | "TryTake", 0, [one]) if SEQUENCES.contains(&head) => {
            Some(one.to_string())
        }
        _ => None,
    }
}

/// Whether LINQ keeps a sequence of this type queryable.
pub fn is_queryable(type_text: &str) -> bool {
    split_generic(type_text).is_some_and(|(head, _)| QUERYABLES.contains(&head))
}

/// What LINQ operator `method` with `arity` arguments gives on a sequence (`receiver`) of `element`s; `None` for
/// an operator this does not know.
pub fn linq_result(receiver: &str, element: &str, method: &str, arity: usize) -> Option<String> {
    let sequence = if is_queryable(receiver) { "IQueryable" } else { "IEnumerable" };
    Some(match method {
        m if LINQ_SAME_SEQUENCE.contains(&m) => format!("{sequence}<{element}>"),
        "AsEnumerable" if arity == 0 => format!("IEnumerable<{element}>"),
        "AsQueryable" if arity == 0 => format!("IQueryable<{element}>"),
        "ToList" if arity == 0 => format!("List<{element}>"),
        "ToArray" if arity == 0 => format!("{element}[]"),
        "ToHashSet" if arity == 0 => format!("HashSet<{element}>"),
        m if LINQ_ELEMENT.contains(&m) && arity <= 1 => element.to_string(),
        "Min" | "Max" if arity == 0 => element.to_string(),
        // A sequence of elements the index does not follow (what a selector lambda builds).
        "Join" | "GroupJoin" | "GroupBy" | "SelectMany" | "Zip" => sequence.to_string(),
        _ => return None,
    })
}

/// Whether the first parameter of a lambda passed to `method` is an element of the receiver.
pub fn lambda_takes_element(method: &str) -> bool {
    LAMBDA_OVER_ELEMENTS.contains(&method)
}

/// The type a test double's configuration lambda takes (`new Mock<IRepo>().Setup(r => …)`: `IRepo`).
pub fn mocked_type(receiver: &str, method: &str) -> Option<String> {
    match split_generic(receiver)? {
        ("Mock", args) if args.len() == 1 && MOCK_SETUPS.contains(&method) => Some(args[0].to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_types() {
        assert!(is_task_like("Task<List<int>>"));
        assert!(is_task_like("System.Threading.Tasks.ValueTask"));
        assert!(!is_task_like("TaskItem"));
        assert_eq!(task_result_type("Task<List<int>>").as_deref(), Some("List<int>"));
        assert_eq!(task_result_type("Task"), None);
    }

    #[test]
    fn generic_library_types() {
        assert_eq!(split_generic("Dictionary<string, List<int>>"), Some(("Dictionary", vec!["string", "List<int>"])));
        assert_eq!(split_generic("System.Lazy<(int A, string B)>?"), Some(("Lazy", vec!["(int A, string B)"])));
        assert_eq!(split_generic("Order"), None);
        assert_eq!(library_element("IReadOnlyList<IRule>").as_deref(), Some("IRule"));
        assert_eq!(library_element("Order[]").as_deref(), Some("Order"));
        assert_eq!(library_element("IDictionary<string, Order>").as_deref(), Some("KeyValuePair<string, Order>"));
        assert_eq!(library_element("Widget<Order>"), None);
        assert_eq!(library_indexed("Dictionary<string, Order>").as_deref(), Some("Order"));
        assert_eq!(library_indexed("List<Order>").as_deref(), Some("Order"));
        assert_eq!(library_indexed("HashSet<Order>"), None);
        assert_eq!(library_member("KeyValuePair<string, Order>", "Value").as_deref(), Some("Order"));
        assert_eq!(library_member("Dictionary<string, Order>", "Values").as_deref(), Some("IEnumerable<Order>"));
        assert_eq!(library_member("Mock<IRepo>", "Object").as_deref(), Some("IRepo"));
        assert_eq!(library_member("Lazy<Task<IChannel>>", "Value").as_deref(), Some("Task<IChannel>"));
        assert_eq!(library_out_argument("Dictionary<int, Order>", "TryGetValue", 1).as_deref(), Some("Order"));
        assert_eq!(linq_result("List<Order>", "Order", "Where", 1).as_deref(), Some("IEnumerable<Order>"));
        assert_eq!(linq_result("DbSet<Order>", "Order", "Where", 1).as_deref(), Some("IQueryable<Order>"));
        assert_eq!(linq_result("List<Order>", "Order", "ToArray", 0).as_deref(), Some("Order[]"));
        assert_eq!(linq_result("List<Order>", "Order", "FirstOrDefault", 1).as_deref(), Some("Order"));
        assert_eq!(linq_result("List<Order>", "Order", "Aggregate", 2), None);
        assert_eq!(mocked_type("Mock<IRepo>", "Setup").as_deref(), Some("IRepo"));
        assert_eq!(mocked_type("Mock<IRepo>", "Select"), None);
        assert_eq!(library_return("SqlConnection", "QueryMultipleAsync"), Some("Task<GridReader>"));
        assert_eq!(library_return("SqlConnection", "BeginTransaction"), Some("SqlTransaction"));
        assert_eq!(library_plain_member("DbContext", "Database"), Some("DatabaseFacade"));
        assert_eq!(library_plain_member("SqlConnection", "Database"), None);
    }
}
