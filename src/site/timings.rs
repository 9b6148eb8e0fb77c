//! How long each stage of a build took (`--timings`).

use std::time::{Duration, Instant};

/// Stage durations, measured one after another.
pub(super) struct Timings {
    pub(super) last: Instant,
    pub(super) laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    pub(super) fn start() -> Self {
        Timings {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the lap of `stage`; returns how long it took.
    pub(super) fn lap(&mut self, stage: &'static str) -> Duration {
        let now = Instant::now();
        let took = now - self.last;
        self.laps.push((stage, took));
        self.last = now;
        took
    }

    /// The two parts of the search stage just timed, listed under it:
    /// `index` (the documents made and inverted) and `export` (the shards).
    pub(super) fn search_parts(&mut self, search: Duration, index: Duration) {
        self.laps.push(("· index", index));
        self.laps.push(("· export", search.saturating_sub(index)));
    }

    /// Stages that ran at the same time, each with its own duration (they
    /// add up to more than the time they took together).
    pub(super) fn side_by_side(&mut self, stages: &[(&'static str, Duration)]) {
        self.laps.extend_from_slice(stages);
        self.last = Instant::now();
    }
}
