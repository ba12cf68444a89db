// case: rewrite
// Minimal-API handlers registered as method groups are endpoints too: the framework binds their parameters, a
// token among them. `GetItems` and `ItemHandlers.Create` take the request's token; a handler name with
// overloads cannot be tied to one method and is reported.
using Microsoft.AspNetCore.Builder;
using Items;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/items", ItemHandlers.GetItems);
app.MapPost("/items", ItemHandlers.Create);
app.MapGet("/items/{id}", ItemHandlers.Find);

app.Run();
