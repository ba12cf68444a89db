using System;
using System.IO;
using System.Threading.Tasks;
using Shop.Core.Repositories;

namespace Shop.Infrastructure.EntityFramework.Repositories;

public class OrganizationRepository : IOrganizationRepository
{
    private readonly Stream _store;

    public OrganizationRepository(Stream store)
    {
        _store = store;
    }

    public async Task<string> GetByIdAsync(Guid id)
    {
        await _store.FlushAsync();
        return id.ToString("N");
    }
}
