// case: rewrite
// No token goes into cleanup: `catch` and `finally` blocks, disposal methods, and the calls that close or dispose.
// A cancelled token there makes the cleanup throw, masks the exception being handled and can leak the connection;
// nor is a token threaded into a method only cleanup calls. The work in the `try` gets it.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Cleanup;

public class Connection
{
    public Task OpenAsync(CancellationToken cancellationToken = default) => Task.Delay(1, cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken = default) => Task.Delay(1, cancellationToken);
}

public class Executor : IAsyncDisposable
{
    private readonly Connection _connection = new Connection();
    private readonly HttpClient _http = new HttpClient();
    private readonly CancellationToken _shutdown;

    public Executor(CancellationToken shutdown) => _shutdown = shutdown;

    public async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        await _connection.OpenAsync();
        try
        {
            await RunAsync(command);
        }
        catch (HttpRequestException)
        {
            await ReportFailureAsync(command);
            await _connection.CloseAsync();
            throw;
        }
        finally
        {
            await RestoreAsync(command);
        }
        await _connection.CloseAsync();
    }

    private async Task RunAsync(string command) => await _http.PostAsync("https://example.com/run", new StringContent(command));

    private async Task ReportFailureAsync(string command) => await _http.PostAsync("https://example.com/failed", new StringContent(command));

    private async Task RestoreAsync(string command) => await _http.PutAsync("https://example.com/restore", new StringContent(command));

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        await _http.DeleteAsync("https://example.com/session");
    }

    public async Task Close()
    {
        await _http.DeleteAsync("https://example.com/lease");
    }

    public async Task HeartbeatAsync()
    {
        await _http.GetAsync("https://example.com/heartbeat");
    }
}
