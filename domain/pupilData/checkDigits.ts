/**
 * Check digits of the three numbers that identify a child: NHS number (modulus 11), unique
 * learner number (ULN) and unique pupil number (UPN, check letter modulus 23). Each accepts text
 * with any separators; only ASCII digits count, so callers normalise other digit scripts first.
 */

export function digitsOf(text: string): number[] {
  return [...text].filter((c) => c >= "0" && c <= "9").map(Number);
}

/** Sum of the first nine digits weighted 10 down to 2: shared by the NHS and ULN checks. */
function weightedSumOfFirstNine(digits: number[]): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits[i] ?? 0) * (10 - i);
  return sum;
}

/** NHS number: modulus 11, weights 10..2; a result of 11 means 0 and 10 means the number is invalid. */
export function isValidNhsNumber(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length !== 10) return false;
  const check = 11 - (weightedSumOfFirstNine(digits) % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits[9];
}

/** Unique learner number: weights 10..2, then 10 - (sum mod 11) must equal the tenth digit. */
export function isValidUln(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length !== 10 || digits[0] === 0) return false;
  const check = 10 - (weightedSumOfFirstNine(digits) % 11);
  return check <= 9 && check === digits[9];
}

/** The 23 letters a UPN check letter (and a temporary UPN's last character) can take: no I, O or S. */
export const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/**
 * The check letter for the twelve characters after it (positions 2 to 13), weighted 2 to 13,
 * modulus 23. In a temporary UPN the last character is a letter, valued by its place in
 * UPN_LETTERS (A = 0 ... Z = 22). Undefined when the characters cannot form a UPN.
 */
export function upnCheckLetter(twelveCharacters: string): string | undefined {
  if (!/^\d{11}[0-9A-Z]$/i.test(twelveCharacters)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = (twelveCharacters[i] ?? "").toUpperCase();
    const value = c >= "0" && c <= "9" ? Number(c) : UPN_LETTERS.indexOf(c);
    if (value < 0) return undefined;
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

/** A UPN with or without separators ("H801200001001", "h 8012 0000 1001"). */
export function isValidUpn(text: string): boolean {
  const upn = text.replace(/[\s.-]+/g, "").toUpperCase();
  if (upn.length !== 13) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}
