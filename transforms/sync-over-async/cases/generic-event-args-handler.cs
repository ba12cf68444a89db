// case: rewrite
// Event handlers keep `void` and become `async void`: the `(object, T)` shape where T is a generic EventArgs
// type, or derives from EventArgs under another name. A method subscribed to an event of another shape (through
// a handler delegate's constructor) may be waited for by whatever raises it: it is reported, as a delegate use.
using System;
using System.Threading.Tasks;

namespace Ui
{
    public class CurrentItemChangedEventArgs<T> : EventArgs
    {
        public T Item { get; set; }
    }

    public class ColorArgs : EventArgs
    {
    }

    public delegate void ColorChangedEventHandler(int color);

    public class ColorButton
    {
        public event ColorChangedEventHandler ColorChanged;
    }

    public class Form
    {
        private readonly ColorButton _button = new ColorButton();

        private Task<string> LoadAsync() => Task.FromResult("x");

        public Form()
        {
            _button.ColorChanged += new ColorChangedEventHandler(OnColorChanged);
        }

        private void OnItemChanged(object sender, CurrentItemChangedEventArgs<string> e)
        {
            Console.WriteLine(LoadAsync().Result + e.Item);
        }

        private void OnColor(object sender, ColorArgs e)
        {
            Console.WriteLine(LoadAsync().Result);
        }

        private void OnColorChanged(int color)
        {
            Console.WriteLine(LoadAsync().Result + color);
        }
    }
}
