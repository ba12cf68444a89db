using System.Threading.Tasks;

namespace Pipeline
{
    public class LoadStep : Step
    {
        private Task<int> LoadAsync() => Task.FromResult(5);

        public override int Execute() => LoadAsync().Result;
    }
}
