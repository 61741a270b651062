//! What every benchmark of the app reports besides its own figures: the peak memory of the
//! process and times in milliseconds.

#![allow(dead_code)] // each benchmark uses what it reports

use std::time::Instant;

/// The process's peak resident memory in KiB (`VmHWM`; Linux only, else `None`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

/// Starts the peak memory over from what the process holds now, so [`peak_rss_kib`] tells the
/// peak of what comes next (Linux: `/proc/self/clear_refs`; elsewhere nothing happens).
pub fn reset_peak_rss() {
    // Unwritable (another system, a locked-down container): the peak then counts from the start.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Milliseconds since `start`.
pub fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
