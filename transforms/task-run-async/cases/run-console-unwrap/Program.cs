// case: rewrite
// oracle: run
// A console application at C# 7.2: unwrapped, each call returns the same value, throws the same exception to
// the same handler, and the effects happen in the same order.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Queue
    {
        private readonly List<string> _done = new List<string>();

        public IList<string> Done
        {
            get { return _done; }
        }

        public async Task<int> RunAsync(string job)
        {
            await Task.Delay(1);
            if (job.Length == 0)
            {
                throw new ArgumentException("empty job");
            }
            _done.Add(job);
            return job.Length;
        }

        public Task<int> CheckAsync(string job)
        {
            if (job == null)
            {
                throw new ArgumentNullException("job");
            }
            return Task.FromResult(job.Length * 10);
        }
    }

    public static class Program
    {
        public static async Task<int> Main()
        {
            var queue = new Queue();
            int a = await Task.Run(() => queue.RunAsync("first"));
            int b = await Task.Run(async () => await queue.RunAsync("second"));
            await Task.Run(async () =>
            {
                await queue.RunAsync("third");
            });
            try
            {
                await Task.Run(() => queue.RunAsync(""));
            }
            catch (ArgumentException e)
            {
                Console.WriteLine("caught " + e.Message);
            }
            try
            {
                await Task.Run(() => queue.CheckAsync(null));
            }
            catch (ArgumentNullException e)
            {
                Console.WriteLine("caught " + e.ParamName);
            }
            int c = await Task.Run(() => queue.CheckAsync("x")).ConfigureAwait(false);
            Console.WriteLine(string.Join(",", queue.Done) + " " + (a + b + c));
            return 0;
        }
    }
}
