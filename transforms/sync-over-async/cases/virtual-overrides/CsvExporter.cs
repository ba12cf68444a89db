namespace Shop.Export
{
    public class CsvExporter : Exporter
    {
        public override void Export(string name)
        {
            base.Export(name + ".csv");
        }
    }

    public class JsonExporter : Exporter
    {
        public override void Export(string name)
        {
            System.Console.WriteLine(name);
        }
    }
}
