using System.IO;
using System.Threading.Tasks;

namespace Gen;

public partial class Sync
{
    public partial async Task PullAsync(string path)
    {
        await File.ReadAllTextAsync(path);
    }
}
