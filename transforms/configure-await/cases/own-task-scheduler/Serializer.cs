// case: left-alone
// Work runs on the exclusive scheduler of a ConcurrentExclusiveSchedulerPair: after an await without
// ConfigureAwait it resumes there, still exclusive; ConfigureAwait(false) would let it run on the pool.
using System;
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Serializer
    {
        private readonly ConcurrentExclusiveSchedulerPair _pair = new ConcurrentExclusiveSchedulerPair();
        private int _count;

        public Task<Task> RunExclusive(Func<Task> work)
        {
            return Task.Factory.StartNew(async () =>
            {
                await work();
                _count++;
            }, default, TaskCreationOptions.None, _pair.ExclusiveScheduler);
        }
    }
}
