namespace Weather
{
    public class WeatherService
    {
        private readonly ApiClient _client;

        public WeatherService(ApiClient client)
        {
            _client = client;
        }

        public string Describe(string city)
        {
            string sky = _client.Get("/now/" + city.ToLowerInvariant());
            return city + ": " + sky;
        }
    }
}
