// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public interface IJob
    {
        void Run();
    }

    public class FetchJob : IJob
    {
        private Task FetchAsync() => Task.Delay(1);

        public void Run() => FetchAsync().Wait();
    }

    public class Runner<TJob> where TJob : IJob
    {
        public void RunAll(TJob[] jobs)
        {
            foreach (TJob job in jobs)
            {
                // T can be FetchJob: this call must be awaited too, or it is silently dropped.
                job.Run();
            }
        }
    }
}
