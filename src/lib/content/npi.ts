/**
 * True when `npi` is a 10-digit National Provider Identifier whose last digit is the Luhn check
 * digit of the first nine, computed with the card-issuer prefix 80840 as CMS specifies.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  return isLuhnValid(`80840${npi}`);
}

/** Luhn (mod 10) check over a string of digits, the last of which is the check digit. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Completes nine digits with their check digit, giving a valid NPI (used to make sample data). */
export function completeNpi(firstNine: string): string {
  for (let check = 0; check <= 9; check++) {
    const npi = `${firstNine}${check}`;
    if (isValidNpi(npi)) return npi;
  }
  throw new Error(`No check digit completes "${firstNine}"; give exactly nine digits.`);
}
