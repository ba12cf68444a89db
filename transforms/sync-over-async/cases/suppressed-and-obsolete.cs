// case: rewrite
// Waits the code keeps on purpose are left alone: under `#pragma warning disable` of an analyzer rule that flags
// them, under `[SuppressMessage]` for one, or in an `[Obsolete]` member. The wait after the `restore` is not.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace TestUtils
{
    internal static class TaskExtensions
    {
#pragma warning disable VSTHRD002 // these helpers exist to wait synchronously
        public static void WaitDirect(this ConfiguredTaskAwaitable task)
            => task.GetAwaiter().GetResult();

        public static TResult GetResultDirect<TResult>(this ConfiguredTaskAwaitable<TResult> task)
            => task.GetAwaiter().GetResult();
#pragma warning restore VSTHRD002

        [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "test helper")]
        public static void Drain(Task task) => task.Wait();

        public static int Unsuppressed(Task<int> task) => task.Result;
    }

    public class Legacy
    {
        private Task<int> CountAsync() => Task.FromResult(3);

        [Obsolete("Use CountAsync")]
        public int Count() => CountAsync().Result;
    }

    [Obsolete("Use the async client")]
    public class OldClient
    {
        public string Get(Task<string> t) => t.GetAwaiter().GetResult();
    }
}
