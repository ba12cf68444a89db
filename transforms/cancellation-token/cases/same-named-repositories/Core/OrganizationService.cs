using System;
using System.Threading;
using System.Threading.Tasks;
using Shop.Core.Repositories;

namespace Shop.Core.Services;

public class OrganizationService
{
    private readonly IOrganizationRepository _repository;

    public OrganizationService(IOrganizationRepository repository)
    {
        _repository = repository;
    }

    public async Task<string> RenameAsync(Guid id, CancellationToken cancellationToken)
    {
        var name = await _repository.GetByIdAsync(id);
        return name.ToUpperInvariant();
    }
}
