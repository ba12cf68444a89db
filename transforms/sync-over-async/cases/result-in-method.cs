// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Repo
    {
        public Task<int> CountAsync() => Task.FromResult(3);
    }

    public class Service
    {
        private readonly Repo _repo = new Repo();

        public int Count()
        {
            return _repo.CountAsync().Result;
        }

        public void Print()
        {
            System.Console.WriteLine(Count());
        }
    }
}
