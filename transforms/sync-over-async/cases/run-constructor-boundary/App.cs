using System;

namespace Config
{
    public class App
    {
        private readonly Settings _settings;

        public App(Settings settings)
        {
            _settings = settings;
        }

        public void Start()
        {
            Console.WriteLine("starting in " + _settings.Get("mode") + " mode");
            _settings.Reload();
            Console.WriteLine("reloaded: " + _settings.Get("mode") + " from " + _settings.Get("path"));
        }
    }
}
