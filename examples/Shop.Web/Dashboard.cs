using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Timers;
using Shop.Core.Data;
using Shop.Core.Models;
using Shop.Core.Notifications;

namespace Shop.Web;

/// <summary>Minimal stand-in for a UI button: raises <see cref="Click"/>.</summary>
public sealed class DashboardButton
{
    public DashboardButton(string text) => Text = text;

    public string Text { get; }

    public event EventHandler? Click;

    public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);
}

/// <summary>
/// In-process admin dashboard: a list of pending orders, a badge with their
/// count, and buttons wired to event handlers.
/// </summary>
public sealed class Dashboard : IDisposable
{
    private readonly IOrderRepository _orders;
    private readonly EmailNotifier _notifier;
    private readonly Timer _badgeTimer = new Timer(30_000);

    public Dashboard(IOrderRepository orders, EmailNotifier notifier)
    {
        _orders = orders;
        _notifier = notifier;

        RefreshButton.Click += OnRefreshClicked;
        ResendButton.Click += OnResendClicked;
        _badgeTimer.Elapsed += OnBadgeTimerElapsed;
        _badgeTimer.Start();
    }

    public DashboardButton RefreshButton { get; } = new DashboardButton("Refresh");

    public DashboardButton ResendButton { get; } = new DashboardButton("Resend confirmation");

    public IReadOnlyList<Order> VisibleOrders { get; private set; } = Array.Empty<Order>();

    public Order? SelectedOrder { get; set; }

    public int PendingBadge { get; private set; }

    public string StatusText { get; private set; } = string.Empty;

    // Event handler: async void is correct here and must stay.
    private async void OnRefreshClicked(object sender, EventArgs e)
    {
        try
        {
            VisibleOrders = await _orders.GetPendingOrdersAsync();
            UpdateBadge();
            StatusText = $"Refreshed at {DateTime.Now:T}";
        }
        catch (HttpRequestException ex)
        {
            StatusText = "Refresh failed: " + ex.Message;
        }
    }

    private void OnResendClicked(object? sender, EventArgs e)
    {
        ResendSelected();
    }

    private void OnBadgeTimerElapsed(object? sender, ElapsedEventArgs e)
    {
        UpdateBadge();
    }

    private void ResendSelected()
    {
        if (SelectedOrder is Order order)
        {
            _notifier.SendConfirmationAsync(order);
            StatusText = $"Confirmation for order #{order.Id} re-sent.";
        }
    }

    private void UpdateBadge()
    {
        PendingBadge = _orders.CountPending();
    }

    public void Dispose()
    {
        _badgeTimer.Elapsed -= OnBadgeTimerElapsed;
        _badgeTimer.Dispose();
    }
}
