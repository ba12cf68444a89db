// case: left-alone
// The tasks are running already: selecting `t.Task` from joinable tasks, awaiting tasks passed in, or adding a
// job's `Completion`. A limiter around them would bound nothing.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Jobs
{
    public class Job
    {
        public Task Completion { get; } = Task.CompletedTask;
        public Task Task => Completion;
    }

    public class Waiter
    {
        public async Task WaitAllAsync(List<Job> jobs)
        {
            await Task.WhenAll(jobs.Select(joinable => joinable.Task));
        }

        public async Task<int[]> CollectAsync(List<Task<int>> pending)
        {
            return await Task.WhenAll(pending.Select(async p => await p));
        }

        public async Task DrainAsync(IEnumerable<Job> jobs)
        {
            var tasks = new List<Task>();
            foreach (var job in jobs)
            {
                tasks.Add(job.Completion);
            }
            await Task.WhenAll(tasks);
        }
    }
}
