using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Movies;

public abstract class RestController<TResource> : ControllerBase
{
    protected abstract Task<TResource> FindAsync(int id, CancellationToken cancellationToken);

    // Takes the id; the framework's ControllerBase.Accepted(object value) takes the resource itself.
    protected async Task<ActionResult<TResource>> Accepted(int id, CancellationToken cancellationToken = default)
    {
        var resource = await FindAsync(id, cancellationToken);
        return AcceptedAtAction("Get", new { id }, resource);
    }
}
