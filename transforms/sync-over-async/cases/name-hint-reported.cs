// case: left-alone
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
