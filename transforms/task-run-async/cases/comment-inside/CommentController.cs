// case: left-alone
// A comment inside the lambda would be lost with it: reported, to be unwrapped by hand.
using System.Threading.Tasks;

namespace Shop
{
    public interface IMailer
    {
        Task SendAsync(string to);
    }

    public class CommentController
    {
        private readonly IMailer _mailer;

        public CommentController(IMailer mailer) => _mailer = mailer;

        public async Task Send(string to)
        {
            await Task.Run(async () =>
            {
                // The mail server is slow to accept connections.
                await _mailer.SendAsync(to);
            });
        }
    }
}
