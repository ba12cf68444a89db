namespace Lib.Storage
{
    public class Repository
    {
        public Task<int> CountAsync() => Task.FromResult(1);
    }
}
