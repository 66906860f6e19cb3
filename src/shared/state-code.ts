/** A state named by its ISO 3166-1 alpha-2 code, upper case (KR, CU, AE ...). */
export type StateCode = string;

/**
 * True when `value` has the shape of an alpha-2 code. Whether the code is assigned is checked
 * at the HTTP edge, where the ISO list lives.
 */
export function isStateCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value);
}
