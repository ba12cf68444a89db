// case: rewrite
// A chain over four files whose names the prefilter does not match: they are parsed because the
// chain names them, and the token reaches the bottom.
using System.Threading;
using System.Threading.Tasks;

namespace Deep;

public class Api
{
    private readonly Layer1 _next = new Layer1();

    public Task<string> HandleAsync(string key, CancellationToken requestAborted) => _next.GoAsync(key);
}
