// case: rewrite
// `Task.WaitAll(tasks.ToArray())` and `Task.WaitAll(array)` where the collection is declared as tasks become
// `await Task.WhenAll(...)`; a collection whose declaration is not seen is reported.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Jobs
{
    public class Runner
    {
        private readonly Registry _registry = new Registry();

        private Task RunOneAsync(int i) => Task.Delay(i);

        public void RunAll(int count)
        {
            var tasks = new List<Task>();
            for (int i = 0; i < count; i++)
            {
                tasks.Add(RunOneAsync(i));
            }
            Task.WaitAll(tasks.ToArray());
        }

        public void RunArray()
        {
            Task[] started = { RunOneAsync(1), RunOneAsync(2) };
            Task.WaitAll(started);
        }

        public void RunPending()
        {
            Task.WaitAll(_registry.Pending.ToArray());
        }
    }

    public class Registry
    {
        public dynamic Pending { get; set; }
    }
}
