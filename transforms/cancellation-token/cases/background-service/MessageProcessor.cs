using System.IO;
using System.Threading.Tasks;

namespace Jobs;

public class MessageProcessor
{
    private readonly string _archive = "archive.log";

    public async Task ProcessAsync(string message)
    {
        await ArchiveAsync(message);
    }

    private async Task ArchiveAsync(string message)
    {
        await File.AppendAllTextAsync(_archive, message + "\n");
    }
}
