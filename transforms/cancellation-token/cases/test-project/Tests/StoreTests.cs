// case: rewrite
// Test code gets no new token parameters: a helper in a test project keeps its signature. A test passes a token
// it already has, unless it picks its tokens itself (it builds `CancellationToken.None` or a source of its own,
// to test what happens without one or with the wrong one): then what it omits is the point of the test.
using System.Threading;
using System.Threading.Tasks;
using Shop;
using Xunit;

namespace Shop.Tests;

public class StoreTests
{
    private readonly Store _store = new Store();

    [Theory]
    [InlineData(1)]
    public async Task Finds_with_the_callers_token(int id)
    {
        await FindTwiceAsync(id, CancellationToken.None);
    }

    private async Task FindTwiceAsync(int id, CancellationToken cancellationToken)
    {
        Assert.Equal(id, await _store.FindAsync(id));
        Assert.Equal(id, await _store.FindAsync(id));
        Assert.Equal(id, await FindOnceAsync(id));
    }

    [Fact]
    public async Task Finds_without_a_token()
    {
        using var cts = new CancellationTokenSource();
        Assert.Equal(2, await _store.FindAsync(2, cts.Token));
        Assert.Equal(2, await FindOnceAsync(2));
    }

    private async Task<int> FindOnceAsync(int id)
    {
        await Task.Delay(1);
        return await _store.FindAsync(id);
    }

    private async Task CheckDefaultsAsync(CancellationToken cancellationToken)
    {
        var none = CancellationToken.None;
        Assert.Equal(3, await _store.FindAsync(3, none));
        Assert.Equal(3, await _store.FindAsync(3));
    }
}
