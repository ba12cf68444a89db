namespace Beautifier
{
    public class ColorButton
    {
        public delegate void ColorChangedEventHandler(string color);

        public event ColorChangedEventHandler ColorChanged;

        public void Pick(string color)
        {
            if (ColorChanged != null)
            {
                ColorChanged(color);
            }
        }
    }
}
