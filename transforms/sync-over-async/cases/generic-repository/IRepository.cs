// case: rewrite
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shop.Data
{
    public interface IRepository<T>
    {
        Task<List<T>> ListAsync();
    }
}
