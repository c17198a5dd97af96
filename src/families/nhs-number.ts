/**
 * NHS number validation (England, Wales and the Isle of Man).
 *
 * Accepted input forms (after trimming leading/trailing whitespace):
 *   - ten digits: `9434765919`
 *   - the 3-3-4 grouping with a single space or a single hyphen between groups, the same
 *     separator both times: `943 476 5919`, `943-476-5919`
 * Anything else (letters, other groupings, mixed or repeated separators) is invalid.
 *
 * The check digit (10th digit) is modulus 11: multiply digits 1-9 by weights 10..2, sum,
 * take the remainder mod 11 and subtract it from 11. A result of 11 means check digit 0;
 * a result of 10 means the number can never be valid.
 *
 * No range checks beyond the check digit are applied (e.g. `0000000000` passes the
 * modulus 11 test and is accepted).
 */

const PLAIN = /^\d{10}$/;
const GROUPED = /^(\d{3})([ -])(\d{3})\2(\d{4})$/;

/** The ten digits of an NHS number in an accepted form, or null when the form is wrong. */
function digitsOf(value: string): string | null {
  const trimmed = value.trim();
  if (PLAIN.test(trimmed)) {
    return trimmed;
  }
  const grouped = GROUPED.exec(trimmed);
  return grouped ? `${grouped[1]}${grouped[3]}${grouped[4]}` : null;
}

/**
 * The expected check digit for the first nine digits, or null when no check digit is
 * possible (modulus 11 gives 10).
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) {
    throw new RangeError(`expected nine digits, got "${firstNine}"`);
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += Number(firstNine[i]) * (10 - i);
  }
  const check = 11 - (sum % 11);
  if (check === 11) {
    return 0;
  }
  return check === 10 ? null : check;
}

/** True when `value` is a well-formed NHS number with a correct modulus 11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const digits = digitsOf(value);
  if (digits === null) {
    return false;
  }
  const expected = nhsCheckDigit(digits.slice(0, 9));
  return expected !== null && expected === Number(digits[9]);
}

/**
 * The digits of `value` with everything else removed (`943 476 5919` → `9434765919`), for
 * storage. It does not validate: call `isValidNhsNumber` first.
 */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/\D/g, '');
}
