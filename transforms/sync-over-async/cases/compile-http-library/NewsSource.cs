using System;
using System.Collections.Generic;
using System.Linq;

namespace Feeds
{
    public class NewsSource : IFeedSource
    {
        private readonly FeedClient _client;
        private readonly string _baseUrl;

        public NewsSource(FeedClient client, string baseUrl)
        {
            _client = client;
            _baseUrl = baseUrl;
        }

        public IList<string> Headlines(string topic)
        {
            string body = _client.Download(_baseUrl + "/" + Uri.EscapeDataString(topic));
            return body.Split('\n').Where(l => l.Length > 0).Take(5).ToList();
        }

        public int Size(string topic) => _client.DownloadText(_baseUrl + "/raw/" + topic).Length;
    }
}
