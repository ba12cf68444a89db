// case: rewrite
// Top-level statements: `await` is allowed there, and so is `using var`.
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

var http = new HttpClient();
var urls = args.Where(a => a.StartsWith("https://")).ToList();

string[] pages = await Task.WhenAll(urls.Select(u => http.GetStringAsync(u)));
System.Console.WriteLine(pages.Sum(p => p.Length));
