// case: left-alone
// The handler is wired in the designer file through a delegate type that returns void, and is not shaped
// `(object, EventArgs)`: it cannot become `async Task`, so the wait it reaches stays, reported with the place.
using System.Threading.Tasks;

namespace Editor
{
    public partial class PreviewForm
    {
        private string preview;

        private void picker_ColorChanged(string color)
        {
            preview = Render(color);
        }

        private string Render(string color)
        {
            return DrawPreviewAsync(color).Result;
        }

        private Task<string> DrawPreviewAsync(string color) => Task.FromResult("preview in " + color);
    }
}
