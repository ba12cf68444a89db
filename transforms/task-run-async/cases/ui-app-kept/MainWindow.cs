// case: left-alone
// A WPF application: the UI thread runs this code, and Task.Run keeps the synchronous start of the call
// (opening a file, parsing a header) off it. Left as it is.
using System.Threading.Tasks;

namespace Viewer
{
    public interface IDocuments
    {
        Task<string> OpenAsync(string path);
    }

    public class MainWindow
    {
        private readonly IDocuments _documents;
        private string _text;

        public MainWindow(IDocuments documents) => _documents = documents;

        public async Task OpenAsync(string path)
        {
            _text = await Task.Run(() => _documents.OpenAsync(path));
        }
    }
}
