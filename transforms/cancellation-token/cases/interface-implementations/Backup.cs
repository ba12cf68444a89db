using System.Threading;
using System.Threading.Tasks;

namespace Files;

public class Backup
{
    private readonly IStorage _source;
    private readonly IStorage _target;

    public Backup(IStorage source, IStorage target)
    {
        _source = source;
        _target = target;
    }

    public async Task CopyAsync(string name, CancellationToken cancellationToken)
    {
        byte[] data = await _source.ReadAsync(name);
        await _target.WriteAsync(name, data);
    }
}
