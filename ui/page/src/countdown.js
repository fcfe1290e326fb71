// The quote's time left. Revendo rejects quotes older than 60 minutes; the till warns in
// the last 10 so that staff hurry or start over before typing the customer's details.

export const WARNING_MS = 10 * 60 * 1000;

/**
 * @typedef {object} Countdown
 * @property {number} remainingMs never negative
 * @property {string} text "mm:ss"; minutes may exceed 59 if a quote lives longer
 * @property {boolean} warning in the last ten minutes and not yet expired
 * @property {boolean} expired
 */

/**
 * An unreadable expiry counts as expired: the page cannot promise the quote is still good.
 *
 * @param {string} expiresAt RFC 3339 time from Rust
 * @param {number} nowMs
 * @returns {Countdown}
 */
export function countdown(expiresAt, nowMs) {
  const expiresMs = Date.parse(expiresAt);
  const remainingMs = Number.isNaN(expiresMs) ? 0 : Math.max(expiresMs - nowMs, 0);
  const expired = remainingMs === 0;

  return {
    remainingMs,
    text: formatClock(remainingMs),
    warning: !expired && remainingMs <= WARNING_MS,
    expired,
  };
}

/**
 * Rounds up, so the clock shows 00:00 only once the quote has really expired.
 *
 * @param {number} ms
 * @returns {string}
 */
export function formatClock(ms) {
  const totalSeconds = Math.ceil(Math.max(ms, 0) / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}
