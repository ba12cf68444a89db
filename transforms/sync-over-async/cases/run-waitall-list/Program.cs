// case: rewrite
// oracle: run
// A batch starts one task per job into a `List<Task>` and waits for them with `Task.WaitAll(tasks.ToArray())`;
// the jobs' results are read after the wait, where the tasks have completed.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Batch
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine("total " + Jobs.RunAll(new[] { 2, 3, 4 }));
        }
    }

    public static class Jobs
    {
        public static int RunAll(int[] sizes)
        {
            var tasks = new List<Task<int>>();
            foreach (int size in sizes)
            {
                tasks.Add(RunAsync(size));
            }
            Task.WaitAll(tasks.ToArray());
            int total = 0;
            foreach (var t in tasks)
            {
                total += t.Result;
            }
            return total;
        }

        private static async Task<int> RunAsync(int size)
        {
            await Task.Delay(1);
            return size * size;
        }
    }
}
