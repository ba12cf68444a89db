// case: rewrite
// args: --allow-boundaries
// oracle: run
// A generic repository blocks on `.Result`; one caller loops with foreach (awaited), another
// projects with a LINQ lambda whose `Func<int, string>` cannot take a task, so that call keeps an
// explicit `.GetAwaiter().GetResult()`.
using System;

namespace Catalog
{
    public static class Program
    {
        public static void Main()
        {
            var repo = new Repository<Product>(id => new Product(id, "item" + id, id * 2.5m));
            var listing = new Listing(repo);
            listing.Print(new[] { 1, 2, 3 });
            Console.WriteLine("names: " + listing.Names(new[] { 3, 1 }));
        }
    }
}
