// case: left-alone
// args: --allow-boundaries
// Load's only callers cannot become async (a constructor, and a property getter above a method): every path up
// the chain would keep a blocking wait, so converting Load and Fetch would only move the wait up, at the cost
// of changed signatures. Nothing changes, and the site says where the first wait would have stayed.
using System.Threading.Tasks;

namespace Settings
{
    public class Config
    {
        private readonly string _name;

        public Config()
        {
            _name = Load("name");
        }

        public string Title => Fetch("title");

        private string Fetch(string key) => Load(key);

        private static Task<string> ReadAsync(string key) => Task.FromResult(key);

        private string Load(string key)
        {
            return ReadAsync(key).Result;
        }
    }
}
