using System.IO;
using System.Threading.Tasks;

namespace Queues;

public class FileQueue : IQueue
{
    private readonly string _path = "queue.txt";

    Task IQueue.PushAsync(string item) => File.AppendAllTextAsync(_path, item + "\n");
}
