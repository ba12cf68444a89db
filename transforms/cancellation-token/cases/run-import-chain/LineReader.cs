using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Import
{
    public class LineReader
    {
        public async Task<string[]> ReadAllAsync(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            using (var stream = new MemoryStream(bytes))
            {
                var buffer = new byte[bytes.Length];
                int read = await stream.ReadAsync(buffer, 0, buffer.Length);
                return Encoding.UTF8.GetString(buffer, 0, read).Split('\n');
            }
        }
    }
}
