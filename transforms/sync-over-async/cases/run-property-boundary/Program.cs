// case: rewrite
// args: --allow-boundaries
// oracle: run
// A property getter calls a method that blocks; the method becomes async, the getter cannot and keeps
// `.GetAwaiter().GetResult()`; a method calling the same method is awaited.
using System;

namespace Inventory
{
    public static class Program
    {
        public static void Main()
        {
            var shelf = new Shelf("B7");
            Console.WriteLine("count (property): " + shelf.Count);
            Console.WriteLine(shelf.Summary());
        }
    }
}
