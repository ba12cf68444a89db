// case: rewrite
// Two projects each declare `OrganizationRepository` (one over Dapper, one over Entity Framework), in their own
// namespaces, both implementing the interface of the core project. They are two types, not one type's overloads:
// the interface and both implementations take the token together, and the service passes it.
using System;
using System.Threading.Tasks;

namespace Shop.Core.Repositories;

public interface IOrganizationRepository
{
    Task<string> GetByIdAsync(Guid id);
}
