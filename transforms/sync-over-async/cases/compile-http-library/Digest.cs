using System.Text;

namespace Feeds
{
    public static class Digest
    {
        public static string Build(IFeedSource source, params string[] topics)
        {
            var sb = new StringBuilder();
            foreach (string topic in topics)
            {
                sb.AppendLine("# " + topic);
                foreach (string line in source.Headlines(topic))
                {
                    sb.AppendLine("- " + line);
                }
            }
            return sb.ToString();
        }
    }
}
