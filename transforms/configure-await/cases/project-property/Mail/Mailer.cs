// case: rewrite
// The project property decides over the project model. Mail is published, but opts out with
// <AsyncmodConfigureAwait>false</AsyncmodConfigureAwait>: its awaits stay. Data runs only under the web app, where
// ConfigureAwait(false) would change nothing, but its Directory.Build.props asks for it with `true`.
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
