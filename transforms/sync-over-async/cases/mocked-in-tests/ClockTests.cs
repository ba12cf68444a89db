using Moq;
using NSubstitute;
using Xunit;

namespace Shop.Tests
{
    public class ClockTests
    {
        [Fact]
        public void Moq_setup()
        {
            var clock = new Mock<IClock>();
            clock.Setup(c => c.Hour()).Returns(9);
            Assert.Equal(9, clock.Object.Hour());
        }

        [Fact]
        public void Substitute_returns()
        {
            var clock = Substitute.For<IClock>();
            clock.Minute().Returns(30);
            Assert.Equal(30, clock.Minute());
        }
    }
}
