namespace Shop.Reports
{
    public partial class Formatter
    {
        public string Format(decimal value) => value.ToString("C");
    }
}
