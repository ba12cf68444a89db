// case: rewrite
// Optional parameters stand between the arguments and the token: it goes as a named argument.
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

public class Catalog
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<List<string>> SearchAsync(string query, int page = 1, int size = 20, CancellationToken cancellationToken = default)
    {
        var results = await _http.GetFromJsonAsync<List<string>>($"search?q={query}&page={page}&size={size}", cancellationToken);
        return results ?? new List<string>();
    }

    public async Task<int> CountAsync(string query, CancellationToken ct)
    {
        List<string> first = await SearchAsync(query);
        List<string> second = await SearchAsync(query, 2);
        List<string> third = await SearchAsync(query, size: 50);
        using HttpResponseMessage response = await _http.PostAsJsonAsync("count", query);
        int? total = await response.Content.ReadFromJsonAsync<int?>();
        return (total ?? 0) + first.Count + second.Count + third.Count;
    }
}
