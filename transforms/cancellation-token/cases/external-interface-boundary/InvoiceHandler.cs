using System.Net.Http;
using System.Threading.Tasks;
using Messaging.Abstractions;

namespace Orders;

public class InvoiceHandler : IMessageHandler
{
    private readonly HttpClient _http = new HttpClient();

    public async Task HandleAsync(Message message)
    {
        await _http.PostAsync("invoices", new StringContent(message.Body));
    }
}
