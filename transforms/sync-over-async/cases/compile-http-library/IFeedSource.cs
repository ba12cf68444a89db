using System.Collections.Generic;

namespace Feeds
{
    public interface IFeedSource
    {
        IList<string> Headlines(string topic);
    }
}
