// Host tests share one Redis, whose flow-revision channel reaches every gateway started against it: run the
// test classes one after another so that one class's flow edit never reaches another's host.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
