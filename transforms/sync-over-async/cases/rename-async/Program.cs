namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            IStore store = new Store();
            System.Console.WriteLine(Describe(store));
            System.Console.WriteLine(nameof(Describe));
        }

        private static string Describe(IStore store) => "count " + store.Count() + " total " + new Store().Total();
    }
}
