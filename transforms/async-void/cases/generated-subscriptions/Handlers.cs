// case: rewrite
// A source generator's output (`*.g.cs`) and a file whose header says it was generated are read for what they
// subscribe and call, never written, and their own async void methods are not reported: the two handlers they
// wire stay async void, the one called directly from generated code keeps its signature too (no await can be
// added there), and the method only this file calls becomes async Task.
using System;
using System.Threading.Tasks;

namespace Gadgets
{
    public partial class Handlers
    {
        public event Action<string> Saved;
        public event Action<string> Loaded;

        private async void OnSaved(string name)
        {
            await Task.Delay(1);
            Console.WriteLine("saved " + name);
        }

        internal async void OnLoaded(string name)
        {
            await Task.Delay(1);
            Console.WriteLine("loaded " + name);
        }

        public async void Refresh()
        {
            await Task.Delay(1);
        }

        public async void Clear()
        {
            await Task.Delay(1);
        }

        public void Run()
        {
            Clear();
        }
    }
}
