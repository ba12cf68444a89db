// case: left-alone
// In test code a Task.Run may be the point of the test (a call from another thread, a race): left as it is.
using System.Threading.Tasks;

namespace Shop.Tests
{
    public interface IClient
    {
        Task<int> PingAsync();
    }

    public class ClientTests
    {
        private readonly IClient _client;

        public ClientTests(IClient client) => _client = client;

        public async Task PingsFromAnotherThread()
        {
            int n = await Task.Run(() => _client.PingAsync());
        }
    }
}
