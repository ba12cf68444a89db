// case: left-alone
// oracle: run
// A method that updates an array slot through a `ref` local and blocks on `.Result`: async
// methods cannot have by-reference locals (CS8177 before C# 13), so it must stay synchronous.
using System;

namespace Buffers
{
    public static class Program
    {
        public static void Main()
        {
            var counters = new Counters(3);
            counters.Bump(1);
            counters.Bump(1);
            counters.Bump(2);
            Console.WriteLine("counters: " + counters);
        }
    }
}
