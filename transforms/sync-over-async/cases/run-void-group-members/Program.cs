// case: rewrite
// oracle: run
// One implementation of `IJournal.Append` blocks on `.Wait()`, so the interface and every implementation
// return `Task`. The others have nothing to await: they become plain `Task` methods that return a completed
// task on every path (a `return;`, the end of the body, an expression body), not `async` methods without
// `await` (warning CS1998, an error where warnings are). The compile check fails on such warnings.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Journal
{
    public interface IJournal
    {
        void Append(string line);
    }

    public class StreamJournal : IJournal
    {
        private readonly StringWriter _writer = new StringWriter();

        public string Text => _writer.ToString();

        public void Append(string line)
        {
            WriteAsync(line).Wait();
        }

        private async Task WriteAsync(string line)
        {
            await Task.Delay(1);
            _writer.WriteLine(line);
        }
    }

    public class NullJournal : IJournal
    {
        public void Append(string line) { }
    }

    public class CountingJournal : IJournal
    {
        public int Count;

        public void Append(string line) => Count++;
    }

    public class FilteringJournal : IJournal
    {
        public List<string> Kept { get; } = new List<string>();

        public void Append(string line)
        {
            if (line.StartsWith("#"))
            {
                // Comments are not journaled.
                return;
            }
            Kept.Add(line);
        }
    }

    public class StrictJournal : IJournal
    {
        public void Append(string line)
        {
            if (line.Length > 0)
            {
                Console.WriteLine("strict " + line);
                return;
            }
            else
            {
                throw new ArgumentException("empty line");
            }
        }
    }

    public class ClosedJournal : IJournal
    {
        public void Append(string line) => throw new InvalidOperationException("closed: " + line);
    }

    public static class Program
    {
        public static int Main()
        {
            var stream = new StreamJournal();
            var counting = new CountingJournal();
            var filtering = new FilteringJournal();
            IJournal[] journals = { stream, new NullJournal(), counting, filtering, new StrictJournal() };
            string[] lines = { "# header", "apples 3", "pears 5" };
            foreach (IJournal journal in journals)
            {
                foreach (string line in lines)
                {
                    journal.Append(line);
                }
            }
            try
            {
                new StrictJournal().Append("");
            }
            catch (ArgumentException e)
            {
                Console.WriteLine("refused: " + e.Message);
            }
            try
            {
                new ClosedJournal().Append("late");
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine("refused: " + e.Message);
            }
            Console.Write(stream.Text);
            Console.WriteLine("counted " + counting.Count + ", kept " + string.Join(",", filtering.Kept));
            return counting.Count == 3 ? 0 : 5;
        }
    }
}
