using System.IO;
using System.Threading.Tasks;

namespace Deep;

public class Layer3
{
    public async Task<string> FetchAsync(string key)
    {
        return await File.ReadAllTextAsync(key);
    }

    public string Describe(string key) => "layer 3: " + key;
}
