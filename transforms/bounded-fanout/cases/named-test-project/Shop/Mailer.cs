// case: rewrite
// A project named as a test project (`Shop.FunctionalTests`: repositories built with Arcade mark their test
// projects by name, with no test package of their own) holds test code, whose concurrency is deliberate: its
// fan-out is left alone. The same fan-out in `Shop` is bounded.
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Mailer
    {
        public Task SendAsync(string to) => Task.CompletedTask;

        public async Task SendAllAsync(IEnumerable<string> recipients)
        {
            var tasks = new List<Task>();
            foreach (var to in recipients)
            {
                tasks.Add(SendAsync(to));
            }
            await Task.WhenAll(tasks);
        }
    }
}
