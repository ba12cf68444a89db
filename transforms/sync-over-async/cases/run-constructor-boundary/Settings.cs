using System.Collections.Generic;
using System.Threading.Tasks;

namespace Config
{
    public class Settings
    {
        private readonly string _name;
        private Dictionary<string, string> _values;
        private int _generation;

        public Settings(string name)
        {
            _name = name;
            _values = LoadValues();
        }

        public int Count => _values.Count;

        public string Get(string key) => _values[key];

        public void Reload()
        {
            _values = LoadValues();
        }

        private Dictionary<string, string> LoadValues()
        {
            return ReadFileAsync(_name + ".config").Result;
        }

        // Simulated file read.
        private async Task<Dictionary<string, string>> ReadFileAsync(string path)
        {
            await Task.Delay(1);
            _generation++;
            return new Dictionary<string, string>
            {
                ["path"] = path,
                ["mode"] = _generation == 1 ? "cold" : "warm",
            };
        }
    }
}
