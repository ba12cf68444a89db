// case: left-alone
using System;
using System.Threading.Tasks;

namespace Ui
{
    public class Form
    {
        private async void OnRefreshClicked(object sender, EventArgs e)
        {
            await Task.Delay(1);
        }
    }
}
