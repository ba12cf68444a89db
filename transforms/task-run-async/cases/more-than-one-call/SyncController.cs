// case: left-alone
// The lambda awaits two calls (or one and goes on): unwrapping it would take more than removing Task.Run.
using System.Threading.Tasks;

namespace Shop
{
    public interface IMirror
    {
        Task PushAsync(string item);
    }

    public class SyncController
    {
        private readonly IMirror _primary;
        private readonly IMirror _backup;

        public SyncController(IMirror primary, IMirror backup)
        {
            _primary = primary;
            _backup = backup;
        }

        public async Task Push(string item)
        {
            await Task.Run(async () =>
            {
                await _primary.PushAsync(item);
                await _backup.PushAsync(item);
            });
        }
    }
}
