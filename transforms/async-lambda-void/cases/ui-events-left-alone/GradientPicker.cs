// case: left-alone
using System.Threading.Tasks;

namespace App
{
    public class GradientPicker
    {
        public delegate void GradientChangedEventHandler();

        public event GradientChangedEventHandler GradientChanged;

        public void Wire()
        {
            // UI code: an async event handler is how work starts from a UI event.
            GradientChanged += async () => await RedrawAsync();
        }

        private Task RedrawAsync() => Task.CompletedTask;
    }
}
