namespace App;

public class Parser
{
    public async Task<string[]> ParseAsync(string path)
    {
        return await File.ReadAllLinesAsync(path);
    }
}
