using System;
using System.Text;

namespace Shop
{
    public class ReportService
    {
        private readonly OrderRepository _orders;

        public ReportService(OrderRepository orders)
        {
            _orders = orders;
        }

        public string Build(int[] orderIds)
        {
            var sb = new StringBuilder();
            decimal sum = 0;
            foreach (int id in orderIds)
            {
                decimal total = _orders.GetTotal(id);
                Console.WriteLine("  order " + id + ": " + total);
                sum += total;
            }
            sb.Append("orders=").Append(orderIds.Length).Append(" sum=").Append(sum);
            return sb.ToString();
        }
    }
}
