using System;

namespace Shop
{
    internal static class Program
    {
        [STAThread]
        private static void Main(string[] args)
        {
            Console.WriteLine("app " + args.Length);
        }
    }
}
