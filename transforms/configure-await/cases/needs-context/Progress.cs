// case: rewrite
// A member that posts to the captured SynchronizationContext or checks a dispatcher after its awaits keeps
// them as they are; the rest of the file is configured.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Progress
    {
        private readonly SynchronizationContext _context = SynchronizationContext.Current;
        private readonly Func<Task> _step;

        public Progress(Func<Task> step) => _step = step;

        public async Task ReportAsync(Action<int> onProgress)
        {
            for (int i = 0; i < 3; i++)
            {
                await _step();
                SynchronizationContext.Current.Post(_ => onProgress(i), null);
            }
        }

        public async Task RunAsync()
        {
            await _step();
            await Task.Delay(5);
        }
    }
}
