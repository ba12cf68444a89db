using System.Threading.Tasks;

namespace Deep;

public class Layer2
{
    private readonly Layer3 _next = new Layer3();

    public Task<string> GoDeeperAsync(string key) => _next.FetchAsync(key + "/2");
}
