using System.Threading;
using System.Threading.Tasks;

class G
{
    async Task Sleepy()
    {
    }
    }
    int Get(Task<int> t)
    {
        return t.Result;
        Thread.Sleep(10);
}
