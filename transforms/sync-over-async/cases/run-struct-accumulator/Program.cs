// case: left-alone
// oracle: run
// A mutable struct accumulates order totals through a method that blocks on `.Result`. An async
// method on a struct works on a copy of `this`, so converting `Record` would lose every update.
using System;

namespace Stats
{
    public static class Program
    {
        public static void Main()
        {
            var stats = new OrderStats();
            foreach (int id in new[] { 1, 2, 3 })
            {
                stats.Record(id);
                Console.WriteLine("after order " + id + ": " + stats);
            }
            Console.WriteLine("final: " + stats);
        }
    }
}
