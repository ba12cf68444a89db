namespace Exporters
{
    public class Exporter
    {
        public virtual string Export(int[] rows)
        {
            return "plain:" + string.Join(" ", rows);
        }
    }
}
