using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Mail;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Shop.Core.Models;

namespace Shop.Core.Notifications;

/// <summary>
/// Sends customer and back-office e-mails about orders.
/// </summary>
public class EmailNotifier
{
	private const int MaxAttempts = 3;

	private readonly SmtpClient _smtp;
	private readonly string _from;

	public EmailNotifier(SmtpClient smtp, string from)
	{
		_smtp = smtp;
		_from = from;
	}

	/// <summary>Back-office mailbox that receives digests.</summary>
	public string DigestRecipient { get; set; } = "orders@example.com";

	/// <summary>
	/// Tells the customer their order was received. Fire-and-forget: callers
	/// cannot await it, and an SMTP failure here crashes the process.
	/// </summary>
	public async void SendConfirmationAsync(Order order)
	{
		string body = $"Thank you! We received order #{order.Id} ({order.Lines.Count} items).";
		await SendWithRetryAsync(order.CustomerEmail, $"Order #{order.Id} confirmed", body);
	}

	/// <summary>Tells the customer their order is ready to ship.</summary>
	public async Task SendStockUpdateAsync(Order order)
	{
		string body = $"Good news: everything in order #{order.Id} is in stock.";
		await SendWithRetryAsync(order.CustomerEmail, $"Order #{order.Id} ready to ship", body);
	}

	/// <summary>Mails one digest of the given orders to the back office.</summary>
	public void NotifyAll(IEnumerable<Order> orders)
	{
		SendDigestAsync(orders).Wait();
	}

	private async Task SendDigestAsync(IEnumerable<Order> orders)
	{
		var body = new StringBuilder();
		foreach (Order order in orders.OrderBy(o => o.CreatedAt))
		{
			body.AppendLine($"#{order.Id}  {order.CustomerEmail}  {order.Status}");
		}

		await SendWithRetryAsync(DigestRecipient, "Pending orders", body.ToString());
	}

	private async Task SendWithRetryAsync(string to, string subject, string body)
	{
		for (int attempt = 1; ; attempt++)
		{
			try
			{
				using var message = new MailMessage(_from, to, subject, body);
				await _smtp.SendMailAsync(message);
				return;
			}
			catch (SmtpException) when (attempt < MaxAttempts)
			{
				// Transient relay error: back off a little, then retry.
				Thread.Sleep(200);
			}
		}
	}
}
