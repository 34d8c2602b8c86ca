/**
 * Numbers as verdicts print them. `toFixed` prints a tiny negative as "-0.00", which reads as a
 * loss where there is none: a value that rounds to zero is printed without its sign.
 */
export function fixed(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
