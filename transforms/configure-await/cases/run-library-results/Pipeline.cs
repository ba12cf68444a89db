// case: rewrite
// oracle: run
// A packable library with a small driver: configured, its awaits produce the same results, in the same order,
// and its exceptions reach the same handlers.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Pipeline
{
    public class Stages
    {
        private readonly List<string> _log = new List<string>();

        public IReadOnlyList<string> Log => _log;

        public async Task<int> ParseAsync(string text)
        {
            await Task.Delay(1);
            int value;
            if (!int.TryParse(text, out value))
            {
                throw new FormatException("not a number: " + text);
            }
            _log.Add("parsed " + value);
            return value;
        }

        public async Task<int> SumAsync(string[] items)
        {
            int total = 0;
            foreach (string item in items)
            {
                try
                {
                    total += await ParseAsync(item);
                }
                catch (FormatException e)
                {
                    _log.Add("skipped: " + e.Message);
                }
            }
            int[] doubled = await Task.WhenAll(DoubleAsync(total), DoubleAsync(1));
            return doubled[0] + doubled[1];
        }

        private async Task<int> DoubleAsync(int n)
        {
            await Task.Yield();
            return await Task.FromResult(n * 2);
        }
    }

    public static class Driver
    {
        public static async Task<int> Main()
        {
            var stages = new Stages();
            int result = await stages.SumAsync(new[] { "1", "x", "3" });
            foreach (string line in stages.Log)
            {
                Console.WriteLine(line);
            }
            Console.WriteLine("result " + result);
            return 0;
        }
    }
}
