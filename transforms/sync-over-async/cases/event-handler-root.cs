// case: rewrite
using System;
using System.Threading.Tasks;

namespace Ui
{
    public class Form
    {
        public event EventHandler Clicked;

        public Form()
        {
            Clicked += OnClicked;
        }

        private Task<string> LoadAsync() => Task.FromResult("data");

        private void OnClicked(object sender, EventArgs e)
        {
            Console.WriteLine(LoadAsync().Result);
        }
    }
}
