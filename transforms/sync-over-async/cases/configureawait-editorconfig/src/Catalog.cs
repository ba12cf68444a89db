// case: rewrite
// `.editorconfig` turns CA2007 on as an error for src/: a file without awaits of its own gets
// `.ConfigureAwait(false)` on the awaits the rewrite adds.
namespace Lib;

public class Catalog
{
    private Task<string[]> FetchAsync() => Task.FromResult(new[] { "a" });

    public int Size() => FetchAsync().Result.Length;

    public int Twice() => Size() * 2;
}
