namespace Shop
{
    public partial class OrderService
    {
        public int Count()
        {
            return _repository.CountAsync().Result;
        }
    }
}
