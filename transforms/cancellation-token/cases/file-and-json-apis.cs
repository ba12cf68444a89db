// case: rewrite
// File and JsonSerializer APIs; JsonSerializer's optional options come before the token (named). Reads get the
// token; writes to local files do not: they are quick, and a cancelled one leaves a truncated file behind.
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

public class SettingsStore
{
    public async Task<Dictionary<string, string>?> LoadAsync(string path, CancellationToken ct)
    {
        string text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path + ".bak", text);
        await using FileStream stream = File.OpenRead(path);
        var settings = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream);
        using var copy = File.Create(path + ".copy");
        await JsonSerializer.SerializeAsync(copy, settings);
        return settings;
    }
}
