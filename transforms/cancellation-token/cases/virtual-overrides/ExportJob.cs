using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Reports;

public class ExportJob
{
    public async Task RunAsync(Exporter exporter, CancellationToken ct)
    {
        using var file = File.Create("report.csv");
        await exporter.ExportAsync(file);
    }
}
