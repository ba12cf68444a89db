// case: rewrite
// In the branch a bulk-execution flag selects, many concurrent operations are the point: left alone. So is a
// test's fan-out, whatever its shape (a stress test wants full concurrency). The other branch fans out over a
// parameter: bounded.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Storage
{
    public class Writer
    {
        private readonly bool _bulkExecutionEnabled;

        public Writer(bool bulk) => _bulkExecutionEnabled = bulk;

        private Task<bool> SaveAsync(string entry) => Task.FromResult(entry.Length > 0);

        public async Task<bool[]> SaveAllAsync(IReadOnlyList<string> entries)
        {
            if (_bulkExecutionEnabled)
            {
                var tasks = new List<Task<bool>>();
                foreach (var entry in entries)
                {
                    tasks.Add(SaveAsync(entry));
                }
                return await Task.WhenAll(tasks);
            }
            else
            {
                return await Task.WhenAll(entries.Select(e => SaveAsync(e)));
            }
        }
    }

    public class WriterTests
    {
        [Fact]
        public async Task ConcurrentCalls_MatchSequentialBaseline()
        {
            var writer = new Writer(false);
            int count = 64;
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => writer.SaveAllAsync(new[] { "x" + i })));
            Assert.Equal(count, results.Length);
        }

        [Fact]
        public async Task Repro_per_context_queries()
        {
            var writer = new Writer(false);
            var tasks = new List<Task>();
            for (var i = 0; i < 10; i++)
            {
                tasks.Add(writer.SaveAllAsync(new[] { "y" + i }));
            }
            await Task.WhenAll(tasks);
        }
    }
}
