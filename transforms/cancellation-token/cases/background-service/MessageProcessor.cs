using System.Net.Http;
using System.Threading.Tasks;

namespace Jobs;

public class MessageProcessor
{
    private static readonly HttpClient Archive = new HttpClient();

    public async Task ProcessAsync(string message)
    {
        await ArchiveAsync(message);
    }

    private async Task ArchiveAsync(string message)
    {
        await Archive.PostAsync("https://archive.example.com/messages", new StringContent(message));
    }
}
