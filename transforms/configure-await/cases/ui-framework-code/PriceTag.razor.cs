// case: rewrite
// A published library of Blazor components and helpers: a component's code runs on the renderer's
// synchronization context, which StateHasChanged needs after an await, so a file of UI code keeps its awaits
// (one site says why). The plain helper of the same library is configured; a file whose test method is
// marked with a namespace-qualified xunit Fact attribute is test code, and out.
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;

namespace Contoso.Widgets
{
    public partial class PriceTag : ComponentBase
    {
        [Parameter] public string Sku { get; set; } = "";

        private decimal _price;

        protected override async Task OnParametersSetAsync()
        {
            _price = await PriceLookup.FindAsync(Sku);
            StateHasChanged();
        }
    }
}
