using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;

namespace Pages;

public class CatalogService
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<List<string>> ListAsync()
    {
        return await _http.GetFromJsonAsync<List<string>>("items") ?? new List<string>();
    }
}
