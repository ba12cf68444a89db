// case: left-alone
// A Task.Run lambda becomes async only where its task is awaited at once (or kept in a local): stored in a
// property, the task would become a proxy whose Status is never Running, and `IsBusy` would say false while the
// work runs. A Task.Factory.StartNew lambda never does: StartNew does not unwrap, so its task would end at the
// lambda's first await.
using System.Threading.Tasks;

namespace Library
{
    public static class Progress
    {
        public static Task Current { get; set; }

        public static bool IsBusy => Current != null && Current.Status == TaskStatus.Running;
    }

    public class Updater
    {
        private Task<int> DownloadAsync() => Task.FromResult(3);

        public void Start()
        {
            Progress.Current = Task.Run(() =>
            {
                DownloadAsync().Wait();
            });
        }

        public Task Legacy()
        {
            return Task.Factory.StartNew(() => DownloadAsync().Result);
        }
    }
}
