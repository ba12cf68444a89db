// case: left-alone
using System.Threading.Tasks;

namespace Shop
{
    public class Settings
    {
        private readonly string _name;

        private static Task<string> LoadAsync() => Task.FromResult("shop");

        public Settings()
        {
            _name = LoadAsync().Result;
        }

        public string Name
        {
            get { return LoadAsync().Result; }
        }

        public string Upper => LoadAsync().Result.ToUpper();

        public static Settings operator +(Settings a, Settings b) { LoadAsync().Wait(); return a; }
    }
}
