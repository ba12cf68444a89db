// case: rewrite
// ImplicitUsings covers System.Threading: no using directive is added.
namespace App;

public class Importer
{
    private readonly Parser _parser = new();

    public async Task ImportAsync(string path, CancellationToken cancellationToken)
    {
        await _parser.ParseAsync(path);
    }
}
