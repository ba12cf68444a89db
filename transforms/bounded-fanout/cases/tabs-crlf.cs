// case: rewrite
// Tabs and CRLF line endings: new lines use both.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shop.Mail
{
	public class Digest
	{
		public async Task SendAsync(IEnumerable<string> recipients)
		{
			await Task.WhenAll(recipients.Select(async r =>
			{
				string body = await RenderAsync(r);
				await DeliverAsync(r, body);
			}));
		}

		private Task<string> RenderAsync(string r) => Task.FromResult(r);
		private Task DeliverAsync(string r, string body) => Task.CompletedTask;
	}
}
