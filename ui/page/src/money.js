// Amounts arrive from Rust as whole Rappen (1 CHF = 100 Rappen) so that no float ever
// rounds a payout. Swiss style groups thousands with an apostrophe: CHF 1'237.00.

/**
 * @param {number} rappen a safe integer
 * @returns {string} e.g. "CHF 1'237.00", "CHF -50.00"
 */
export function formatChf(rappen) {
  if (!Number.isSafeInteger(rappen)) {
    throw new RangeError(`an amount must be whole Rappen, got ${rappen}`);
  }

  const sign = rappen < 0 ? "-" : "";
  const absolute = Math.abs(rappen);
  const francs = Math.floor(absolute / 100);
  const cents = absolute % 100;

  return `CHF ${sign}${groupThousands(francs)}.${String(cents).padStart(2, "0")}`;
}

/**
 * @param {number} francs non-negative integer
 * @returns {string}
 */
function groupThousands(francs) {
  return String(francs).replace(/\B(?=(\d{3})+(?!\d))/g, "'");
}
