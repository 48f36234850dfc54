"""The sections of BENCHMARKS.md that a benchmark writes from its figures, apart from the measuring."""
