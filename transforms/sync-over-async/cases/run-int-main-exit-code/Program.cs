// case: rewrite
// oracle: run
// `static int Main` returns the number of invalid records as the exit code; it becomes
// `static async Task<int> Main`, and the exit code must stay 2.
using System;

namespace Validation
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var validator = new Validator(new Rules());
            string[] records = { "alice@example.org", "bob", "carol@example.org", "" };
            int invalid = validator.CountInvalid(records);
            Console.WriteLine(invalid + " invalid of " + records.Length);
            return invalid;
        }
    }
}
