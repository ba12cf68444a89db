// case: rewrite
// An abstract method and its overrides gain the parameter together.
using System.IO;
using System.Threading.Tasks;

namespace Reports;

public abstract class Exporter
{
    public abstract Task ExportAsync(Stream target);

    protected virtual async Task WriteHeaderAsync(Stream target)
    {
        await target.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, 0, 3);
    }
}
