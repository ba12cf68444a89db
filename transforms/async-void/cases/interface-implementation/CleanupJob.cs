using System.Threading.Tasks;

namespace Jobs
{
    public class CleanupJob : IJob
    {
        public async void Run()
        {
            await Task.Delay(1);
        }
    }

    public class Runner
    {
        private readonly IJob _job = new CleanupJob();

        public async Task RunAllAsync()
        {
            _job.Run();
            await Task.Delay(1);
        }
    }
}
