// case: rewrite
// A published library (a PackageId): its public interface and public members keep their signatures, since
// outside callers would lose their result and outside implementers would no longer compile; that site is
// reported with the public-API reason. Internal code changes as usual: Peek becomes async and its caller
// awaits it.
using System.Threading.Tasks;

namespace Contoso.Storage
{
    public interface IStore
    {
        int Count();
    }

    public class Store : IStore
    {
        private static Task<int> FetchCountAsync() => Task.FromResult(2);

        public int Count()
        {
            return FetchCountAsync().Result;
        }

        internal int Peek()
        {
            return FetchCountAsync().Result;
        }

        internal async Task<int> RefreshAsync()
        {
            await Task.Yield();
            return Peek();
        }
    }
}
