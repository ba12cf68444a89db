using System.Diagnostics;

namespace Tray
{
    // The tray icon only opens the web UI: no UI code awaits or blocks on the library's tasks.
    public class TrayIcon
    {
        public void OpenBrowser(string url) => Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
    }
}
