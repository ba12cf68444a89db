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
            // A handler kept in a variable first, then subscribed: the same UI event handler.
            System.EventHandler clicked = async (s, e) => await RedrawAsync();
            // An Action in UI code is no event handler: nobody waits for it.
            System.Action redraw = async () => await RedrawAsync();
        }

        private Task RedrawAsync() => Task.CompletedTask;
    }
}
