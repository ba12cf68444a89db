// case: rewrite
// oracle: run
// A handler with the event shape `(object, T)` where T is a generic EventArgs type stays `void` and becomes
// `async void`; its delegate type still fits. One subscribed to a delegate of another shape is left as it is.
using System;
using System.Threading.Tasks;

namespace Viewer
{
    public class CurrentItemChangedEventArgs<T> : EventArgs
    {
        public T Item { get; set; }
    }

    public delegate void ZoomChangedEventHandler(int percent);

    public class Gallery
    {
        public event EventHandler<CurrentItemChangedEventArgs<string>> CurrentItemChanged;
        public event ZoomChangedEventHandler ZoomChanged;

        public void Select(string item)
        {
            CurrentItemChanged?.Invoke(this, new CurrentItemChangedEventArgs<string> { Item = item });
        }

        public void Zoom(int percent)
        {
            ZoomChanged?.Invoke(percent);
        }
    }

    public static class Program
    {
        private static Task<string> CaptionAsync(string item) => Task.FromResult("caption of " + item);

        private static void OnItemChanged(object sender, CurrentItemChangedEventArgs<string> e)
        {
            Console.WriteLine(CaptionAsync(e.Item).Result);
        }

        private static void OnZoomChanged(int percent)
        {
            Console.WriteLine(CaptionAsync(percent + "%").Result);
        }

        public static void Main()
        {
            var gallery = new Gallery();
            gallery.CurrentItemChanged += OnItemChanged;
            gallery.ZoomChanged += new ZoomChangedEventHandler(OnZoomChanged);
            gallery.Select("sunset.jpg");
            gallery.Zoom(150);
        }
    }
}
