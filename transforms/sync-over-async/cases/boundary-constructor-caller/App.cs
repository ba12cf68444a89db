namespace Shop
{
    public class App
    {
        private readonly string _value;

        public App(Config config)
        {
            _value = config.Read();
        }

        public string Describe(Config config)
        {
            return config.Read() + _value;
        }
    }
}
