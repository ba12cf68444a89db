// case: rewrite
// Razor page handlers, like controller actions, take the request's token from the framework.
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;

public class IndexModel : PageModel
{
    private readonly HttpClient _http = new HttpClient();

    public List<string> Items { get; private set; } = new List<string>();

    public async Task OnGetAsync()
    {
        Items = await _http.GetFromJsonAsync<List<string>>("items") ?? new List<string>();
    }

    public void OnPost()
    {
        Items.Clear();
    }
}
