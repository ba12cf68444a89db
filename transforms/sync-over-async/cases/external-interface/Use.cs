namespace Shop
{
    public class Use
    {
        public int Count(Reader reader)
        {
            int n = 0;
            foreach (var item in reader) n++;
            return n;
        }
    }
}
