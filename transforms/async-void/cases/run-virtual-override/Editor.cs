using System;

namespace Documents
{
    public class Editor
    {
        public void Save(string name, string text)
        {
            Console.WriteLine(GetType().Name + " saving " + name + " (" + text.Length + " chars)");
            OnSaved(name, text);
            Console.WriteLine(GetType().Name + " saved " + name);
        }

        protected virtual void OnSaved(string name, string text)
        {
        }
    }
}
