using System;
using System.Threading.Tasks;

namespace Documents
{
    public class IndexingEditor : Editor
    {
        public static int Indexed;

        protected override async void OnSaved(string name, string text)
        {
            string[] words = await TokenizeAsync(text);
            Indexed += words.Length;
            Console.WriteLine("  indexed " + words.Length + " words of " + name);
        }

        // Cached tokenizer: the result is ready at once.
        private static Task<string[]> TokenizeAsync(string text) => Task.FromResult(text.Split(' '));
    }
}
