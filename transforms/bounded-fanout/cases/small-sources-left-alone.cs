// case: left-alone
// Sources not known to be large: an entity's own parts, a field filled elsewhere, the result of a call that
// lists providers. Bounding them adds code and no protection.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Library
{
    public class Video
    {
        private readonly List<string> _alternateVersions = new List<string>();

        public List<string> AdditionalParts { get; } = new List<string>();

        private Task RefreshAsync(string path) => Task.CompletedTask;

        private IEnumerable<string> GetImageProviders(string kind) => new List<string> { kind };

        public async Task RefreshPartsAsync()
        {
            await Task.WhenAll(AdditionalParts.Select(p => RefreshAsync(p)));
            await Task.WhenAll(_alternateVersions.Select(v => RefreshAsync(v)));
        }

        public async Task RefreshImagesAsync(string kind)
        {
            var providers = GetImageProviders(kind);
            await Task.WhenAll(providers.Select(p => RefreshAsync(p)));
        }
    }
}
