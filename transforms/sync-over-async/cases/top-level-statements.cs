// case: rewrite
using System;
using System.Threading.Tasks;

var value = Compute().Result;
Console.WriteLine(value);

static Task<int> Compute() => Task.FromResult(42);
