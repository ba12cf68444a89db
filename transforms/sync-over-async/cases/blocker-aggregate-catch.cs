// case: left-alone
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Importer
    {
        private Task<int> ImportAsync() => Task.FromResult(1);

        public int Import()
        {
            try
            {
                return ImportAsync().Result;
            }
            catch (AggregateException ex)
            {
                Console.WriteLine(ex.InnerException?.Message);
                return 0;
            }
        }
    }
}
