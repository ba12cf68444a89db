// case: rewrite
// Minimal-API handlers on a path to I/O take the request's token (the framework binds it).
using Microsoft.AspNetCore.Builder;
using Weather;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/forecast/{city}", async (string city, ForecastService forecasts) => await forecasts.GetAsync(city));
app.MapGet("/ping", () => "pong");
app.MapPost("/refresh", async (ForecastService forecasts) =>
{
    await forecasts.RefreshAsync();
    return "ok";
});

app.Run();
