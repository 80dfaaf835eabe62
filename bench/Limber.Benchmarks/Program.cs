using BenchmarkDotNet.Running;
using Limber.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(CatalogueBenchmarks).Assembly).Run(args);
