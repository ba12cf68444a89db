using System.Threading.Tasks;

namespace Deep;

public class Layer1
{
    private readonly Layer2 _next = new Layer2();

    public async Task<string> GoAsync(string key) => await _next.GoDeeperAsync(key + "/1");
}
