// case: rewrite
// Razor page handlers, like controller actions, take the request's token from the framework.
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pages;

public class IndexModel : PageModel
{
    private readonly CatalogService _catalog;

    public IndexModel(CatalogService catalog) => _catalog = catalog;

    public List<string> Items { get; private set; } = new List<string>();

    public async Task OnGetAsync()
    {
        Items = await _catalog.ListAsync();
    }

    public void OnPost()
    {
        Items.Clear();
    }
}
