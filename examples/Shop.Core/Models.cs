using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;

namespace Shop.Core.Models
{
    /// <summary>Lifecycle of an order.</summary>
    public enum OrderStatus
    {
        Pending,
        Paid,
        Shipped,
        Cancelled,
    }

    /// <summary>A catalog entry as served by the warehouse API.</summary>
    public sealed record Product(int Id, string Name, decimal Price, int Stock);

    /// <summary>One line of an order.</summary>
    public sealed record OrderLine(int ProductId, int Quantity, decimal UnitPrice);

    /// <summary>A customer order.</summary>
    public sealed class Order
    {
        public int Id { get; set; }

        [Required]
        [EmailAddress]
        public string CustomerEmail { get; set; } = string.Empty;

        public OrderStatus Status { get; set; } = OrderStatus.Pending;

        public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

        public List<OrderLine> Lines { get; set; } = new List<OrderLine>();

        /// <summary>Filled in by <c>ReportBuilder.PrecomputeTotalsAsync</c>.</summary>
        public decimal Total { get; set; }
    }

    /// <summary>
    /// Outcome of validating an order. Note that <see cref="Result"/> is a plain
    /// message string, not a task: reading it never blocks.
    /// </summary>
    public sealed class ValidationOutcome
    {
        private ValidationOutcome(bool isValid, string result)
        {
            IsValid = isValid;
            Result = result;
        }

        public bool IsValid { get; }

        /// <summary>Human-readable verdict, e.g. "OK" or the first failed rule.</summary>
        public string Result { get; }

        public static ValidationOutcome Success() => new ValidationOutcome(true, "OK");

        public static ValidationOutcome Failure(string reason) => new ValidationOutcome(false, reason);
    }

    /// <summary>Business rules every new order must satisfy.</summary>
    public static class OrderRules
    {
        public const int MaxLinesPerOrder = 50;

        public static ValidationOutcome Validate(Order order)
        {
            if (order.Lines.Count == 0)
            {
                return ValidationOutcome.Failure("An order needs at least one line.");
            }

            if (order.Lines.Count > MaxLinesPerOrder)
            {
                return ValidationOutcome.Failure($"An order may have at most {MaxLinesPerOrder} lines.");
            }

            if (order.Lines.Any(line => line.Quantity <= 0))
            {
                return ValidationOutcome.Failure("Quantities must be positive.");
            }

            return ValidationOutcome.Success();
        }
    }
}
