// case: rewrite
// The new using goes after the last one, with the same indentation, tabs included.
namespace Shop.Jobs
{
	using System;

	public class Reminder
	{
		public async void Send()
		{
			await Notifier.NotifyAsync();
		}

		public void Run()
		{
			Send();
			Console.WriteLine("sent");
		}
	}

	public static class Notifier
	{
		public static System.Threading.Tasks.Task NotifyAsync() => System.Threading.Tasks.Task.CompletedTask;
	}
}
