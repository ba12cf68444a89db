// case: left-alone
// Where the same code calls a method once with a token and once without, the omission reads as a choice (a
// test of what happens without one, a call that must finish): left as written.
using System.Threading;
using System.Threading.Tasks;

public enum CancellationMode
{
    Right,
    None,
}

public class Finder
{
    public Task<int> FindAsync(int key, CancellationToken cancellationToken = default) => Task.FromResult(key);

    public Task<int> FindAsync(CancellationMode mode, int key, CancellationToken cancellationToken)
        => mode switch
        {
            CancellationMode.Right => FindAsync(key, cancellationToken: cancellationToken),
            _ => FindAsync(key),
        };
}
