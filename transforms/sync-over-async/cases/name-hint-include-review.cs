// case: rewrite
// args: --include-review
namespace Shop
{
    public class Client
    {
        public string Fetch(dynamic api)
        {
            return api.FetchAsync().Result;
        }
    }
}
