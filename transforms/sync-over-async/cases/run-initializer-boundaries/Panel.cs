using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace FeatureFlags
{
    public class Panel
    {
        public static readonly int DefaultLevel = Flags.Lookup("default");

        public int Initial { get; } = Flags.Lookup("init");

        public int this[string name] => Flags.Lookup(name) * 10;

        public void ShowAll()
        {
            new List<string> { "alpha", "gamma" }.ForEach(name => Show(name));
            Task.Run(() => Show("delta")).Wait();
            Action last = () => Show("omega!");
            last();
            Show("direct");
        }

        private void Show(string name)
        {
            Console.WriteLine("  " + name + " = " + Flags.Lookup(name));
        }
    }
}
