// case: left-alone
using System.Threading.Tasks;

namespace Admin.Pages
{
    public partial class List
    {
        private async void DetailsClick(int id)
        {
            await Task.Delay(id);
        }
    }
}
