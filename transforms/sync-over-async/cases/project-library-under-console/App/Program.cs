using System;

namespace App
{
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine(new Lib.Cache().Load().Length);
        }
    }
}
