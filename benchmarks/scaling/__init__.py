"""The parts of the scale benchmark (:mod:`benchmarks.scale`): the generated KB, what it measures of
writing, page times, the cold start of ``claimkb serve``, and the "Scale" section of BENCHMARKS.md."""
