// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop
{
    public class Catalog
    {
        private Task<string> NameAsync() => Task.FromResult("widget");
        private Task<List<int>> IdsAsync() => Task.FromResult(new List<int> { 1, 2 });

        public int Describe()
        {
            int length = NameAsync().Result.Length;
            string upper = NameAsync().Result.ToUpper();
            int first = IdsAsync().Result[0];
            bool empty = !IdsAsync().Result.Contains(3);
            int sum = IdsAsync().Result.Count + 1;
            return length + upper.Length + first + (empty ? 1 : 0) + sum;
        }
    }
}
