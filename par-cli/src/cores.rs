//! Work shared among the machine's cores: a national run's tables are read, scored and written
//! on each of them.

/// How many cores the process may use (1 where the system does not say).
pub fn count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` done on a run of the items per core, side by side, the answers in the items' order.
/// A few items, or one core, are done here, on one run.
pub fn in_runs<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    /// Fewer items are done sooner than a thread is started.
    const FEWEST_PER_RUN: usize = 256;
    let runs = count().min(items.len() / FEWEST_PER_RUN).max(1);
    if runs == 1 {
        return vec![work(items)];
    }
    let per_run = items.len().div_ceil(runs);
    let runs: Vec<&[T]> = items.chunks(per_run).collect();
    side_by_side(&runs, |run| work(run))
}

/// `work` done on each item on a thread of its own, the answers in the items' order; one after
/// the other where there is one core. A thread that panicked is a bug: its panic is raised here.
pub fn side_by_side<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if count() == 1 {
        return items.iter().map(work).collect();
    }
    let work = &work;
    std::thread::scope(|s| {
        let threads: Vec<_> = items
            .iter()
            .map(|item| s.spawn(move || work(item)))
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
