// case: left-alone
using System.Threading.Tasks;
using Windows.UI.Xaml.Controls;
using Windows.UI.Xaml.Navigation;

namespace App
{
    public sealed class MainPage : Page
    {
        protected override async void OnNavigatedTo(NavigationEventArgs e)
        {
            await Task.Delay(1);
        }
    }
}
