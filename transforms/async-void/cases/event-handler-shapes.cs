// case: left-alone
// Event handlers keep `async void`: a generic EventArgs type, a type deriving from EventArgs under another
// name, and a method whose only uses subscribe it through a handler delegate's constructor.
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

    public class ImageForm
    {
        private readonly ColorButton _shadowColor = new ColorButton();

        public ImageForm()
        {
            _shadowColor.ColorChanged += new ColorChangedEventHandler(this.ShadowColorChanged);
        }

        private async void ItemChanged(object sender, CurrentItemChangedEventArgs<string> e)
        {
            await Task.Delay(1);
        }

        private async void ColorPicked(object sender, ColorArgs e)
        {
            await Task.Delay(1);
        }

        private async void ShadowColorChanged(int color)
        {
            await Task.Delay(color);
        }
    }
}
