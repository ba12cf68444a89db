// case: left-alone
// args: --allow-boundaries
// C# 7.0 has no async Main, so Main would keep a wait on Run: the wait would only move up a level, so nothing
// changes, even with --allow-boundaries.
using System.Threading.Tasks;

namespace Legacy
{
    public static class Program
    {
        public static void Main()
        {
            System.Console.WriteLine(Worker.Run());
        }
    }
}
