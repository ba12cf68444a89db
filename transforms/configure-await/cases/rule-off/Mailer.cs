// case: left-alone
// A published library whose .editorconfig turns CA2007 off: the team decided against ConfigureAwait.
using System.Threading.Tasks;

namespace Contoso.Mail
{
    public class Mailer
    {
        public async Task SendAsync(ISmtp smtp, string to)
        {
            await smtp.ConnectAsync();
            await smtp.SendAsync(to);
        }
    }

    public interface ISmtp
    {
        Task ConnectAsync();
        Task SendAsync(string to);
    }
}
