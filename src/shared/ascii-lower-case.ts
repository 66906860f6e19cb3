/**
 * `text` with its ASCII capitals A–Z in lower case and nothing else changed: ids the service
 * writes in lower case ASCII are read in any ASCII case, and no other character folds into
 * them (JavaScript's toLowerCase turns the Kelvin sign U+212A into `k`, so `\u212Ar-cu-havana`
 * would name kr-cu-havana).
 */
export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (capitals) => capitals.toLowerCase());
}
