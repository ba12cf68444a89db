namespace Shop
{
    public class User
    {
        public int Use(dynamic cache)
        {
            return cache.Lookup();
        }
    }
}
