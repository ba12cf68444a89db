// case: rewrite
// oracle: run
// Several blocking reads in one expression, one nested inside the argument of another; the order
// of the simulated calls is printed and must not change.
using System;

namespace Transfer
{
    public static class Program
    {
        public static void Main()
        {
            var bank = new Bank();
            Console.WriteLine(bank.Move("acct-1", "acct-2", 25));
            Console.WriteLine("log: " + string.Join(" ", bank.Log));
        }
    }
}
