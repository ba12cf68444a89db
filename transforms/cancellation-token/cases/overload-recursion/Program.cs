// case: rewrite
// oracle: run
// The overload that takes a token can be the method around the call: `WaitForExitAsync(token)` waits on
// `WaitForExitAsync()` and adds cancellation. Forwarding the token there would make it call itself until the
// stack overflows, so that call is left alone. A method that calls itself (a tree walk) is the one method the
// call reaches, and gets the token; so do the calls around them.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Recursion
{
    public interface IProcess
    {
        Task<int> WaitForExitAsync();
        Task<int> WaitForExitAsync(CancellationToken token);
    }

    public static class TaskExtensions
    {
        public static Task<T> WithCancellation<T>(this Task<T> task, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            return task;
        }
    }

    public class Process : IProcess
    {
        private readonly TaskCompletionSource<int> _exit = new TaskCompletionSource<int>();

        public Process(int code)
        {
            _exit.SetResult(code);
        }

        public Task<int> WaitForExitAsync() => _exit.Task;

        public Task<int> WaitForExitAsync(CancellationToken token) => WaitForExitAsync().WithCancellation(token);
    }

    public class Node
    {
        public int Value;
        public List<Node> Children = new List<Node>();
    }

    public class Runner
    {
        public async Task<int> RunAsync(IProcess process, CancellationToken ct)
        {
            await Task.Delay(1);
            return await process.WaitForExitAsync();
        }

        public async Task<int> SumAsync(Node node, CancellationToken ct = default(CancellationToken))
        {
            await Task.Delay(1);
            int sum = node.Value;
            foreach (Node child in node.Children)
            {
                sum += await SumAsync(child);
            }
            return sum;
        }
    }

    public static class Program
    {
        public static void Main()
        {
            using (var cts = new CancellationTokenSource())
            {
                var runner = new Runner();
                int code = runner.RunAsync(new Process(3), cts.Token).GetAwaiter().GetResult();
                Console.WriteLine("exit: " + code);
                var tree = new Node { Value = 1 };
                tree.Children.Add(new Node { Value = 2 });
                tree.Children.Add(new Node { Value = 3 });
                Console.WriteLine("sum: " + runner.SumAsync(tree, cts.Token).GetAwaiter().GetResult());
                var direct = new Process(5);
                Console.WriteLine("direct: " + direct.WaitForExitAsync(cts.Token).GetAwaiter().GetResult());
            }
        }
    }
}
