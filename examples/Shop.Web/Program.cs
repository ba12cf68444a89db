using System;
using System.Collections.Generic;
using System.Net.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shop.Core.Data;
using Shop.Core.Inventory;
using Shop.Core.Models;
using Shop.Core.Notifications;
using Shop.Core.Pricing;
using Shop.Core.Reporting;
using Shop.Web.Workers;

namespace Shop.Web;

/// <summary>Application entry point.</summary>
public class Program
{
    private static readonly int[] StartupReportProducts = { 1, 2, 3 };

    /// <summary>
    /// Builds the host, warms the caches and prints a stock report, all
    /// synchronously, then starts serving requests.
    /// </summary>
    public static void Main(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder.Services);

        WebApplication app = builder.Build();
        app.MapControllers();

        using (IServiceScope scope = app.Services.CreateScope())
        {
            IServiceProvider services = scope.ServiceProvider;

            // Fill the stock cache before the first request arrives.
            services.GetRequiredService<InventoryService>().WarmUp();

            // Seed a demo order so the dashboard is not empty.
            var repository = services.GetRequiredService<IOrderRepository>();
            repository.SaveAsync(CreateDemoOrder()).GetAwaiter().GetResult();

            // Start-up stock report: ReportBuilder -> InventoryService -> WarehouseClient.
            var reports = services.GetRequiredService<ReportBuilder>();
            Console.WriteLine(reports.BuildInventoryReport(StartupReportProducts));
        }

        app.Run();
    }

    private static void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();

        services.AddHttpClient<WarehouseClient>(c => c.BaseAddress = new Uri("https://warehouse.example.com/"));
        services.AddHttpClient<IOrderRepository, OrderRepository>(c => c.BaseAddress = new Uri("https://orders.example.com/"));
        services.AddHttpClient<IPriceService, PriceService>(c => c.BaseAddress = new Uri("https://finance.example.com/"));

        services.AddScoped<InventoryService>();
        services.AddScoped<ReportBuilder>();
        services.AddSingleton(new SmtpClient("smtp.example.com"));
        services.AddSingleton(sp => new EmailNotifier(sp.GetRequiredService<SmtpClient>(), "shop@example.com"));
        services.AddSingleton<Dashboard>();

        services.AddHostedService<StockSyncWorker>();
    }

    private static Order CreateDemoOrder() => new Order
    {
        Id = 1,
        CustomerEmail = "demo@example.com",
        Lines = new List<OrderLine> { new OrderLine(ProductId: 1, Quantity: 2, UnitPrice: 9.99m) },
    };
}
