using System.Net.Http;
using System.Threading.Tasks;

namespace Items;

public static class ItemHandlers
{
    private static readonly HttpClient Http = new HttpClient();

    public static async Task<string> GetItems() => await Http.GetStringAsync("https://store/items");

    public static async Task<string> Create(string name)
    {
        var response = await Http.PostAsync("https://store/items", new StringContent(name));
        return response.StatusCode.ToString();
    }

    public static async Task<string> Find(int id) => await Http.GetStringAsync("https://store/items/" + id);

    public static async Task<string> Find(string slug) => await Http.GetStringAsync("https://store/by-slug/" + slug);
}
