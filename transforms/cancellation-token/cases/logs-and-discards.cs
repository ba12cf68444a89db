// case: left-alone
// A logging method (`Log…`, or a member of a `…Logger`) gets no token, whether it takes one already or would
// need one: cancelling a log or audit write saves nothing and loses the record. A token a lambda discards by
// name (`async (item, _) => …`) is not passed on.
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class AuditLogger
{
    private readonly HttpClient _http = new HttpClient();

    public async Task WriteAsync(string entry) => await _http.PostAsync("https://audit", new StringContent(entry));
}

public class Importer
{
    private readonly HttpClient _http = new HttpClient();
    private readonly AuditLogger _audit = new AuditLogger();

    public async Task LogImportAsync(string name, CancellationToken cancellationToken = default)
    {
        await _http.PostAsync("https://log", new StringContent(name), cancellationToken);
    }

    public async Task ImportAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        await LogImportAsync("start");
        await _audit.WriteAsync("start");
        await Parallel.ForEachAsync(names, async (name, _) =>
        {
            await Task.Delay(1);
        });
    }
}
