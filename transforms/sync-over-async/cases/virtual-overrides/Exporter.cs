// case: rewrite
using System.Threading.Tasks;

namespace Shop.Export
{
    public abstract class Exporter
    {
        protected Task WriteAsync(string line) => Task.Delay(1);

        public virtual void Export(string name)
        {
            WriteAsync(name).Wait();
        }
    }
}
