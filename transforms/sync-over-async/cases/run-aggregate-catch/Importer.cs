using System;
using System.Threading.Tasks;

namespace Import
{
    public class Importer
    {
        public int ImportAll(string[] files)
        {
            int ok = 0;
            foreach (string file in files)
            {
                try
                {
                    ImportAsync(file).Wait();
                    ok++;
                }
                catch (AggregateException ae)
                {
                    foreach (Exception inner in ae.InnerExceptions)
                    {
                        Console.WriteLine("  skipped " + file + ": " + inner.Message);
                    }
                }
            }
            return ok;
        }

        // Simulated parse of a file.
        private static async Task ImportAsync(string file)
        {
            await Task.Delay(1);
            if (file.StartsWith("bad"))
            {
                throw new FormatException("line 3 is not CSV");
            }
            Console.WriteLine("  read " + file);
        }
    }
}
