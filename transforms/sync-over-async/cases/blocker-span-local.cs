// case: left-alone
using System;
using System.Threading.Tasks;

namespace Shop
{
    public class Hasher
    {
        private Task<int> SeedAsync() => Task.FromResult(7);

        public int Hash(string text)
        {
            Span<byte> buffer = stackalloc byte[16];
            buffer[0] = (byte)text.Length;
            return buffer[0] + SeedAsync().Result;
        }
    }
}
