using System;
using System.Threading.Tasks;

namespace Beautifier
{
    public partial class BeautifierForm
    {
        private string shadow = "none";
        private string background = "none";

        public BeautifierForm()
        {
            InitializeComponent();
        }

        public void PickColors()
        {
            btnShadowColor.Pick("gray");
            btnBackgroundColor.Pick("white");
        }

        // Wired in the designer file through a delegate type that returns void: it must stay async void.
        private async void btnShadowColor_ColorChanged(string color)
        {
            shadow = color;
            await UpdatePreview();
        }

        private async void btnBackgroundColor_ColorChanged(string color)
        {
            background = color;
            await UpdatePreview();
        }

        // Called directly, wired nowhere: it becomes async Task and its caller awaits it.
        public async void Reset()
        {
            shadow = "none";
            background = "none";
            await UpdatePreview();
        }

        private Task UpdatePreview()
        {
            Console.WriteLine("preview: shadow " + shadow + ", background " + background);
            return Task.FromResult(0);
        }
    }
}
