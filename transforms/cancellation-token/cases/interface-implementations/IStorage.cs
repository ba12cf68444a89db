// case: rewrite
// An interface and both of its implementations change together; the call through the interface passes the token.
using System.Threading.Tasks;

namespace Files;

public interface IStorage
{
    Task<byte[]> ReadAsync(string name);

    Task WriteAsync(string name, byte[] data);
}
