// case: rewrite
// An interface and both of its implementations change together; the call through the interface passes the token.
// Writing a local file is no reason for a token (a cancelled write leaves a truncated file): `WriteAsync` keeps
// its signature.
using System.Threading.Tasks;

namespace Files;

public interface IStorage
{
    Task<byte[]> ReadAsync(string name);

    Task WriteAsync(string name, byte[] data);
}
