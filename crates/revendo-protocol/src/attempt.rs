//! How a finalize call paces its attempts, and how the journal hears about each one.

use std::time::Duration;

use rand::Rng;
use time::OffsetDateTime;

/// When to try again after a server error or a transport failure: up to `max_attempts`
/// attempts, waiting `first_delay` before the second and doubling each time, every wait
/// varied by up to ±`jitter` (a fraction) so that tills do not retry in step.
///
/// The published advice, "1 s, 2 s, 4 s, 3 attempts", comes with code that makes three
/// attempts and waits 1 s and 2 s between them; the default does the same (the 4 s wait
/// would precede a fourth attempt). Tests inject millisecond delays.
#[derive(Debug, Clone, PartialEq)]
pub struct RetrySchedule {
    /// Attempts in total, the first included; at least 1.
    pub max_attempts: u32,
    /// Wait before the second attempt.
    pub first_delay: Duration,
    /// Relative variation of each wait, 0.0 to 1.0.
    pub jitter: f64,
}

impl Default for RetrySchedule {
    fn default() -> Self {
        RetrySchedule { max_attempts: 3, first_delay: Duration::from_secs(1), jitter: 0.2 }
    }
}

impl RetrySchedule {
    /// The nominal wait before attempt `number` (2 or more), without jitter.
    pub fn nominal_delay(&self, number: u32) -> Duration {
        let doublings = number.saturating_sub(2).min(16);
        self.first_delay.saturating_mul(1 << doublings)
    }

    /// The wait before attempt `number`, with jitter applied.
    pub fn delay_before(&self, number: u32) -> Duration {
        let nominal = self.nominal_delay(number);
        let jitter = self.jitter.clamp(0.0, 1.0);
        if jitter == 0.0 {
            return nominal;
        }
        let factor = rand::rng().random_range((1.0 - jitter)..=(1.0 + jitter));
        nominal.mul_f64(factor)
    }
}

/// What the journal learns about one attempt once it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptReport {
    /// 1 for the first attempt.
    pub number: u32,
    /// When the attempt left.
    pub started_at: OffsetDateTime,
    /// How long until its answer (or failure).
    pub duration: Duration,
    /// The HTTP status, when an answer arrived.
    pub http_status: Option<u16>,
    /// The outcome's [`FinalizeError::code`](crate::FinalizeError::code), `None` when
    /// the attempt produced the order (200 or 409).
    pub error_code: Option<&'static str>,
}

/// An observer's refusal to let an attempt leave, e.g. because it could not be written
/// to the journal. The text is the observer's own and appears in error messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AttemptVeto(pub String);

/// Hears about every attempt of a finalize call: before it leaves, with the power to
/// stop it, and after it ended. The journal implements it to record each attempt so
/// that an attempt that is not journaled is never sent.
///
/// It is `Send` so that a finalize call can run on any tokio worker.
pub trait AttemptObserver: Send {
    /// Called before attempt `number` is sent; an `Err` stops the call without sending.
    fn attempt_starting(&mut self, number: u32) -> Result<(), AttemptVeto>;

    /// Called after the attempt ended, whatever its outcome.
    fn attempt_finished(&mut self, report: &AttemptReport);
}

/// An observer that records nothing and refuses nothing, for callers without a journal.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unobserved;

impl AttemptObserver for Unobserved {
    fn attempt_starting(&mut self, _number: u32) -> Result<(), AttemptVeto> {
        Ok(())
    }

    fn attempt_finished(&mut self, _report: &AttemptReport) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule_waits_one_then_two_seconds_between_three_attempts() {
        let schedule = RetrySchedule::default();

        assert_eq!(schedule.max_attempts, 3);
        assert_eq!(schedule.nominal_delay(2), Duration::from_secs(1));
        assert_eq!(schedule.nominal_delay(3), Duration::from_secs(2));
        assert_eq!(schedule.nominal_delay(4), Duration::from_secs(4));
    }

    #[test]
    fn jitter_stays_within_twenty_percent() {
        let schedule = RetrySchedule::default();

        for _ in 0..200 {
            let delay = schedule.delay_before(3);
            assert!(delay >= Duration::from_millis(1600) && delay <= Duration::from_millis(2400));
        }
    }
}
