// Concurrency tests own the CPU while they run: on a 2-core machine, parallel test classes with spinning
// consumers would starve each other and turn timing margins into flakiness.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
