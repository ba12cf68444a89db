using Shop.Infrastructure;

namespace Shop
{
    public class Feed
    {
        public int Size(string url)
        {
            string body = Http.Get(url);
            return body.Length;
        }
    }
}
