using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Reports;

public sealed class CsvExporter : Exporter
{
    public override async Task ExportAsync(Stream target)
    {
        await WriteHeaderAsync(target);
        byte[] body = Encoding.UTF8.GetBytes("id;name\n");
        await target.WriteAsync(body, 0, body.Length);
    }

    protected override Task WriteHeaderAsync(Stream target) => Task.CompletedTask;
}
