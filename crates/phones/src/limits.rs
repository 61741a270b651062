//! Rate limits per access code (and per voter): a token bucket each, so a host typing fast or a
//! page catching up after a Wi-Fi drop passes, while a runaway script is held back.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// Requests a key may make in a burst.
pub const BURST: f64 = 60.0;
/// Requests per second a key may make in the long run.
pub const PER_SECOND: f64 = 10.0;
/// Keys remembered at most; beyond that the oldest are forgotten (a flood of made-up codes must
/// not grow memory).
const MAX_KEYS: usize = 10_000;

/// Token buckets by key.
#[derive(Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Limiter {
    /// Whether `key` may make one more request now.
    pub fn allow(&self, key: &str) -> bool {
        self.allow_at(key, Instant::now())
    }

    fn allow_at(&self, key: &str, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            let oldest = buckets.iter().min_by_key(|(_, (_, at))| *at).map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                buckets.remove(&oldest);
            }
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((BURST, now));
        *tokens = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * PER_SECOND).min(BURST);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_passes_then_the_rate_holds_and_keys_are_apart() {
        let limiter = Limiter::default();
        let start = Instant::now();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let burst = BURST as usize;
        assert!((0..burst).all(|_| limiter.allow_at("a", start)));
        assert!(!limiter.allow_at("a", start), "the burst is spent");
        assert!(limiter.allow_at("b", start), "another code has its own bucket");
        let later = start + Duration::from_millis(250);
        let passed = (0..10).filter(|_| limiter.allow_at("a", later)).count();
        assert_eq!(passed, 2, "a quarter of a second brings 2.5 requests");
    }
}
