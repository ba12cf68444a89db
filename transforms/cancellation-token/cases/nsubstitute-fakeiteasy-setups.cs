// case: rewrite
// NSubstitute and FakeItEasy configurations of a member that gains a token get the library's any-matcher:
// `Arg.Any<CancellationToken>()` (a stub without it would match only calls that pass no token) and
// `A<CancellationToken>._` (FakeItEasy reads `A.CallTo` as an expression tree, like Moq).
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FakeItEasy;
using NSubstitute;

public interface IMailer
{
    Task SendAsync(string to, string body);
}

public interface IAuditTrail
{
    Task RecordAsync(string entry);
}

public class SmtpMailer : IMailer
{
    private readonly HttpClient _http = new HttpClient();

    public async Task SendAsync(string to, string body) => await _http.PostAsync("https://mail/" + to, new StringContent(body));
}

public class HttpAuditTrail : IAuditTrail
{
    private readonly HttpClient _http = new HttpClient();

    public async Task RecordAsync(string entry) => await _http.PostAsync("https://audit", new StringContent(entry));
}

public class Notifier
{
    private readonly IMailer _mailer;
    private readonly IAuditTrail _audit;

    public Notifier(IMailer mailer, IAuditTrail audit)
    {
        _mailer = mailer;
        _audit = audit;
    }

    public async Task NotifyAsync(string to, CancellationToken cancellationToken)
    {
        await _mailer.SendAsync(to, "hello");
        await _audit.RecordAsync("mailed " + to);
    }
}

public class NotifierTests
{
    public async Task Mails_and_records()
    {
        var mailer = Substitute.For<IMailer>();
        mailer.SendAsync("a@example.com", Arg.Any<string>()).Returns(Task.CompletedTask);
        var audit = A.Fake<IAuditTrail>();
        A.CallTo(() => audit.RecordAsync(A<string>._)).Returns(Task.CompletedTask);

        await new Notifier(mailer, audit).NotifyAsync("a@example.com", CancellationToken.None);

        await mailer.Received(1).SendAsync("a@example.com", "hello");
        A.CallTo(() => audit.RecordAsync("mailed a@example.com")).MustHaveHappened();
    }
}
