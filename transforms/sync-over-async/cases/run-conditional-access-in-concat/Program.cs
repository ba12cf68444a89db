// case: rewrite
// oracle: run
// A possibly-null result read with `?.` on the right of `+`: C# reads `"a" + x?.Length` as
// `"a" + (x?.Length)`, so the awaited call needs parentheses: `"a" + (await F())?.Length`.
using System;

namespace Profiles
{
    public static class Program
    {
        public static void Main()
        {
            var directory = new Directory(new ProfileStore());
            foreach (int id in new[] { 1, 2 })
            {
                Console.WriteLine(directory.Describe(id));
            }
        }
    }
}
