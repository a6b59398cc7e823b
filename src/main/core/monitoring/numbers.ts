/** Numbers as providers echo them back ("8613…", "+8613…", "13…"): compared by their digits. */
export const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** The same subscriber number written two ways (one may lack the country code). */
export function sameNumber(a: string, b: string): boolean {
  const x = digitsOf(a);
  const y = digitsOf(b);
  if (x === '' || y === '') return false;
  return x === y || (x.length >= 7 && y.length >= 7 && (x.endsWith(y) || y.endsWith(x)));
}
