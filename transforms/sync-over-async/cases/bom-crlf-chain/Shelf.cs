namespace Shop
{
	public class Shelf
	{
		private readonly Store _store = new Store();

		public int Capacity()
		{
			return _store.Size() * 2;
		}
	}
}
