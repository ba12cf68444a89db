namespace Editor
{
    partial class PreviewForm
    {
        public delegate void ColorChangedEventHandler(string color);

        public event ColorChangedEventHandler ColorChanged;

        private void InitializeComponent()
        {
            this.ColorChanged += new ColorChangedEventHandler(this.picker_ColorChanged);
        }
    }
}
