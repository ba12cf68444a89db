// case: rewrite
// args: --allow-boundaries
using System.Threading.Tasks;

namespace Legacy
{
    public static class Program
    {
        public static void Main()
        {
            System.Console.WriteLine(Worker.Run());
        }
    }
}
