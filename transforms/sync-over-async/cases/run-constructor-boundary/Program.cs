// case: rewrite
// args: --allow-boundaries
// oracle: run
// `LoadValues` blocks and becomes async; the constructor that calls it cannot be async and keeps
// `.GetAwaiter().GetResult()`, while `Reload` (an ordinary method) awaits it, and so does its caller.
using System;

namespace Config
{
    public static class Program
    {
        public static void Main()
        {
            var settings = new Settings("app");
            Console.WriteLine("loaded " + settings.Count + " values, mode=" + settings.Get("mode"));
            var app = new App(settings);
            app.Start();
        }
    }
}
