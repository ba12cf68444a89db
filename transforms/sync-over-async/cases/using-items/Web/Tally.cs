namespace Web
{
    // GlobalUsings.cs imports System.Threading.Tasks into this project: the new `Task` needs no `using` here.
    public class Tally
    {
        private readonly Feed _feed = new Feed();

        public int Sum() => _feed.SumAsync().Result;

        public async Task<int> ReportAsync()
        {
            await Task.Yield();
            return Sum();
        }
    }

    public class Feed
    {
        public Task<int> SumAsync() => Task.FromResult(3);
    }
}
