// case: rewrite
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
