// case: rewrite
// A controller of a published library keeps its actions' signatures (callers outside the solution compile
// against them), so it cannot take the request's token as a parameter. The action passes the token the request
// already carries, `HttpContext.RequestAborted`, to the calls that take one; nothing is threaded further.
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Reports;

public class ReportsController : ControllerBase
{
    private readonly HttpClient _http = new HttpClient();

    [HttpGet("reports/{id}")]
    public async Task<IActionResult> Get(int id)
    {
        var body = await _http.GetStringAsync("https://reports/" + id);
        return Ok(body);
    }
}
