// case: rewrite
// `void` members of a group that becomes async, with nothing to await: plain `Task` methods returning a
// completed task (no `async`, which would be warning CS1998). Where the syntax cannot tell whether the end of
// the body is reached (a `while (true)` loop, a `switch`), adding a final `return` could be unreachable code
// (CS0162) and leaving it out an error, so such a member becomes `async Task` as before.
using System;
using System.Threading.Tasks;

namespace Telemetry
{
    public interface IReporter
    {
        void Report(string metric);
    }

    public class HttpReporter : IReporter
    {
        public void Report(string metric)
        {
            SendAsync(metric).Wait();
        }

        private Task SendAsync(string metric) => Task.Delay(metric.Length);
    }

    public class ConsoleReporter : IReporter
    {
        public void Report(string metric)
        {
            Console.WriteLine(metric);
        }
    }

    public class SilentReporter : IReporter
    {
        public void Report(string metric) {}
    }

    public class PollingReporter : IReporter
    {
        public void Report(string metric)
        {
            while (true)
            {
                Console.WriteLine(metric);
            }
        }
    }

    public class LevelReporter : IReporter
    {
        public void Report(string metric)
        {
            switch (metric)
            {
                case "": return;
                default: Console.WriteLine(metric); break;
            }
        }
    }

    public class Caller
    {
        public void Run(IReporter reporter) => reporter.Report("requests");
    }
}
