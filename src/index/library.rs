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
}
