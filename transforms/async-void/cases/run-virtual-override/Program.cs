// case: rewrite
// oracle: run
// A virtual hook with an empty base and an `async void` override whose awaits complete at once;
// the base, the override and the caller that invokes the hook through the base type all change.
using System;

namespace Documents
{
    public static class Program
    {
        public static void Main()
        {
            Editor[] editors = { new Editor(), new IndexingEditor() };
            foreach (Editor e in editors)
            {
                e.Save("report.txt", "q3 numbers");
            }
            Console.WriteLine("indexed: " + IndexingEditor.Indexed);
        }
    }
}
