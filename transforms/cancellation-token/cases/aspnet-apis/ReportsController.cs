// case: rewrite
// ASP.NET Core and common library APIs: the response body, IDistributedCache, MediatR.
using System.Threading;
using System.Threading.Tasks;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Distributed;

namespace Web;

public class ReportsController : Controller
{
    private readonly IMediator _mediator;
    private readonly IDistributedCache _cache;

    public ReportsController(IMediator mediator, IDistributedCache cache)
    {
        _mediator = mediator;
        _cache = cache;
    }

    [HttpGet("reports/{id}")]
    public async Task Download(int id, CancellationToken ct)
    {
        string? cached = await _cache.GetStringAsync($"report:{id}");
        string body = cached ?? await _mediator.Send(new RenderReport(id));
        await _cache.SetStringAsync($"report:{id}", body);
        Response.ContentType = "text/plain";
        await Response.WriteAsync(body);
    }
}

public record RenderReport(int Id) : IRequest<string>;
