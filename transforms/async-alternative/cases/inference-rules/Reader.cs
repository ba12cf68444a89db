using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Shop.Data;

namespace Shop.Web
{
    public class Reader
    {
        private readonly Dictionary<string, Store> _byName = new Dictionary<string, Store>();
        private readonly List<Store> _all = new List<Store>();
        private readonly Holder<Store> _held = new Holder<Store>();
        private Func<string, Store> Pick { get; set; }

        public async Task<string> ReadAsync(object o, string name)
        {
            var text = "";
            foreach (var pair in _byName)
            {
                text += pair.Value.Load(1);
            }
            if (_byName.TryGetValue(name, out var found))
            {
                text += found.Load(2);
            }
            if (o is Store typed)
            {
                text += typed.Load(3);
            }
            var cast = o as Store;
            text += cast.Load(4);
            text += _all.Where(s => s.Enabled).First().Load(5);
            text += _held.Value.Load(6);
            text += Pick(name).Load(7);
            text += _all[0].Load(8);
            var either = cast ?? _all.Last();
            text += either.Load(9);
            await Task.Yield();
            return text;
        }
    }
}
