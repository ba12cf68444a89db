namespace Beautifier
{
    partial class BeautifierForm
    {
        private ColorButton btnShadowColor;
        private ColorButton btnBackgroundColor;

        private void InitializeComponent()
        {
            this.btnShadowColor = new ColorButton();
            this.btnBackgroundColor = new ColorButton();
            this.btnShadowColor.ColorChanged += new ColorButton.ColorChangedEventHandler(this.btnShadowColor_ColorChanged);
            this.btnBackgroundColor.ColorChanged += this.btnBackgroundColor_ColorChanged;
        }
    }
}
