namespace Shop.Reports
{
    public class Formatter
    {
        public string Format(decimal value) => value.ToString("C");
    }

    public class Report
    {
        public string Total(Formatter formatter) => formatter.Format(1);
    }
}
