using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.FunctionalTests
{
    public class MailerLoad
    {
        public async Task SendsConcurrentlyAsync(Mailer mailer, IEnumerable<string> recipients)
        {
            var tasks = new List<Task>();
            foreach (var to in recipients)
            {
                tasks.Add(mailer.SendAsync(to));
            }
            await Task.WhenAll(tasks);
        }
    }
}
