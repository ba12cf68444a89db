// case: rewrite
// A request's token goes into read paths and into a write whose work is a single I/O call. An action whose work
// spans several calls (removing a download: from the download client, then onto the block list) is reported:
// cancelling half-way would leave them out of step. A read may reach several services.
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Queue;

[ApiController]
public class QueueController : ControllerBase
{
    private readonly DownloadClient _client = new DownloadClient();
    private readonly Blocklist _blocklist = new Blocklist();

    [HttpDelete("{id}")]
    public async Task<IActionResult> Remove(int id)
    {
        await _client.RemoveAsync(id);
        await _blocklist.BlockAsync(id);
        return Ok();
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(int id)
    {
        var status = await _client.StatusAsync(id);
        var blocked = await _blocklist.IsBlockedAsync(id);
        return Ok(status + blocked);
    }

    [HttpPost("{id}/retry")]
    public async Task<IActionResult> Retry(int id)
    {
        await _client.RetryAsync(id);
        return Ok();
    }
}

public class DownloadClient
{
    private readonly HttpClient _http = new HttpClient();

    public async Task RemoveAsync(int id) => await _http.DeleteAsync("https://client/" + id);

    public async Task RetryAsync(int id) => await _http.PostAsync("https://client/" + id + "/retry", null);

    public async Task<string> StatusAsync(int id) => await _http.GetStringAsync("https://client/" + id);
}

public class Blocklist
{
    private readonly HttpClient _http = new HttpClient();

    public async Task BlockAsync(int id) => await _http.PutAsync("https://blocklist/" + id, null);

    public async Task<bool> IsBlockedAsync(int id) => (await _http.GetStringAsync("https://blocklist/" + id)) == "1";
}
