// case: rewrite
// `<Using Include>` items import a namespace into every file of the project: `Task` needs no `using` in Lib, and
// `Repository` is Lib.Storage's, not Lib.Other's (whose `CountAsync` gives no task). App enables ImplicitUsings but removes System.Threading.Tasks: there the new
// `Task` needs its `using`.
namespace Lib
{
    public class Service
    {
        private readonly Repository _repository = new Repository();

        public int Count() => _repository.CountAsync().Result;

        public async Task<int> ReportAsync()
        {
            await Task.Yield();
            return Count();
        }
    }
}
