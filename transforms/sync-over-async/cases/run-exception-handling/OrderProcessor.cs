namespace Orders
{
    public class OrderProcessor
    {
        private readonly LineParser _parser;

        public OrderProcessor(LineParser parser)
        {
            _parser = parser;
        }

        public decimal Process(string line)
        {
            OrderLine parsed = _parser.Parse(line);
            return parsed.Quantity * parsed.Price;
        }
    }
}
