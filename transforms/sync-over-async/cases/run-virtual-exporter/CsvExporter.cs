using System.Text;
using System.Threading.Tasks;

namespace Exporters
{
    public class CsvExporter : Exporter
    {
        private readonly StringBuilder _buffer = new StringBuilder();

        public override string Export(int[] rows)
        {
            _buffer.Clear();
            foreach (int row in rows)
            {
                WriteRowAsync(row).Wait();
            }
            return "csv:" + _buffer.ToString().TrimEnd(',');
        }

        // Simulated write to a stream.
        private async Task WriteRowAsync(int row)
        {
            await Task.Delay(1);
            _buffer.Append(row).Append(',');
        }
    }
}
