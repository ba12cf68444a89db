// case: rewrite
// ADO.NET: provider types derive from DbConnection/DbCommand/DbDataReader; `var` locals are followed.
using System.Collections.Generic;
using System.Data.SqlClient;
using SystemPThreading;
using System.Threading.Tasks;

public class CustomerQueries
{
    private readonly string _connectionString = "Server=.;Database=Shop";

    public async Task<List<string>> NamesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        using var connection = new SqlConnection(_connectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name FROM Customers";
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        await command.ExecuteNonQueryAsync();
 n ct)
 return names;
    }
}
