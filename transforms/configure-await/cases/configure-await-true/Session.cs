// case: left-alone
// A file that resumes on the captured context on purpose (`ConfigureAwait(true)`): its other awaits are
// left as they are too, since the file chooses its contexts deliberately.
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Session
    {
        private int _state;

        public async Task RunAsync(IChannel channel)
        {
            await channel.OpenAsync().ConfigureAwait(true);
            _state = 1;
            await channel.PingAsync();
            _state = 2;
        }
    }

    public interface IChannel
    {
        Task OpenAsync();
        Task PingAsync();
    }
}
