// case: rewrite
// oracle: run
// One class split over two files: the blocking call is in one part, its callers in the other.
using System;

namespace Accounts
{
    public static class Program
    {
        public static void Main()
        {
            var service = new AccountService();
            Console.WriteLine(service.Statement("u1"));
            Console.WriteLine(service.Statement("u22"));
        }
    }
}
