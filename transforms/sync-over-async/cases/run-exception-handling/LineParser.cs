using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Orders
{
    public struct OrderLine
    {
        public int Quantity;
        public decimal Price;
    }

    public class LineParser
    {
        public OrderLine Parse(string line)
        {
            return ParseLineAsync(line).GetAwaiter().GetResult();
        }

        // Simulated lookup that validates the line.
        private static async Task<OrderLine> ParseLineAsync(string line)
        {
            await Task.Delay(1);
            string[] parts = line.Split(new[] { " x " }, StringSplitOptions.None);
            if (parts.Length != 2)
            {
                throw new FormatException("expected '<qty> x <price>'");
            }
            return new OrderLine
            {
                Quantity = int.Parse(parts[0], CultureInfo.InvariantCulture),
                Price = decimal.Parse(parts[1], CultureInfo.InvariantCulture),
            };
        }
    }
}
