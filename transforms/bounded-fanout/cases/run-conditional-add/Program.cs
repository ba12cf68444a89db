// case: rewrite
// oracle: run
// `tasks.Add(…)` under an `if` (with an `else`) and in a `switch` section of the loop body: the conditions still
// decide, item by item, which work starts, and the added task is bounded where it is added. Results and their
// order are the same. Several `Add`s of one list in one loop (an `if` and its `else`, two switch sections) each get
// a limited lambda of their own, under names of their own (the sections of a switch share one scope).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public static class Program
    {
        public static void Main()
        {
            var sizes = Sizer.MeasureAsync(new[] { "a", "", "bbb", "cc", "" }).GetAwaiter().GetResult();
            Console.WriteLine(string.Join(",", sizes) + " skipped " + Sizer.Skipped);
            Console.WriteLine(Sizer.KindsAsync(new[] { 1, 2, 3, 4 }).GetAwaiter().GetResult());
            Console.WriteLine(Sizer.LabelsAsync(new[] { 5, 6, 7 }).GetAwaiter().GetResult());
        }
    }

    public static class Sizer
    {
        public static int Skipped;

        public static async Task<int[]> MeasureAsync(IEnumerable<string> words)
        {
            var tasks = new List<Task<int>>();
            foreach (var word in words)
            {
                if (word.Length > 0)
                {
                    tasks.Add(LengthAsync(word));
                }
                else
                {
                    Skipped++;
                }
            }
            return await Task.WhenAll(tasks);
        }

        public static async Task<string> KindsAsync(IEnumerable<int> numbers)
        {
            var tasks = new List<Task<string>>();
            foreach (var n in numbers)
            {
                switch (n % 2)
                {
                    case 0:
                        tasks.Add(NameAsync("even", n));
                        break;
                    case 1:
                        tasks.Add(NameAsync("odd", n));
                        break;
                    default:
                        break;
                }
            }
            var names = await Task.WhenAll(tasks);
            return string.Join(" ", names);
        }

        public static async Task<string> LabelsAsync(IEnumerable<int> numbers)
        {
            var tasks = new List<Task<string>>();
            foreach (var n in numbers)
            {
                if (n > 5)
                {
                    tasks.Add(NameAsync("big", n));
                }
                else
                {
                    tasks.Add(NameAsync("small", n));
                }
            }
            var labels = await Task.WhenAll(tasks);
            return string.Join(" ", labels);
        }

        private static async Task<int> LengthAsync(string word)
        {
            await Task.Delay(1);
            return word.Length;
        }

        private static async Task<string> NameAsync(string kind, int n)
        {
            await Task.Delay(1);
            return kind + n;
        }
    }
}
