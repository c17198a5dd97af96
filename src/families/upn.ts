/**
 * Unique Pupil Number (England) validation, as the DfE checks it in the CIN census (rules 1510,
 * 1540, 1550): 13 characters — a check letter, 11 digits, then a digit or a letter (a temporary
 * UPN) other than I, O and S. The check letter is the letter at position (sum mod 23) of
 * `ABCDEFGHJKLMNPQRTUVWXYZ`, where the sum weighs characters 2-13 by 2-13, a digit by its value
 * and a letter by its position in the same alphabet.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const FORM = /^[A-Z][0-9]{11}[0-9A-HJ-NPQRT-Z]$/;

/** The check letter for the last 12 characters of a UPN (null when one is not allowed). */
export function upnCheckLetter(tail: string): string | null {
  let sum = 0;
  for (let i = 0; i < tail.length; i++) {
    const c = tail[i];
    const v = c >= '0' && c <= '9' ? Number(c) : ALPHABET.indexOf(c);
    if (v < 0) return null;
    sum += v * (i + 2);
  }
  return ALPHABET[sum % 23];
}

export function isValidUpn(value: string): boolean {
  return FORM.test(value) && upnCheckLetter(value.slice(1)) === value[0];
}
