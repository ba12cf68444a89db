using System;
using System.Data.Common;
using System.Threading.Tasks;
using Shop.Core.Repositories;

namespace Shop.Infrastructure.Dapper.Repositories;

public class OrganizationRepository : IOrganizationRepository
{
    private readonly DbConnection _connection;

    public OrganizationRepository(DbConnection connection)
    {
        _connection = connection;
    }

    public async Task<string> GetByIdAsync(Guid id)
    {
        await _connection.OpenAsync();
        return id.ToString();
    }
}
