// Numbers as the messages show them. `toLocaleString('en')` gives the same text, but its first
// call loads the ICU locale data: 23-26 ms measured here, and a language server's first
// diagnostics waited for it.

/** A whole number with thousands separators: 10952 → "10,952". */
export function formatCount(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = s.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + s.slice(Math.max(0, i - 3), i) + out;
  return n < 0 ? `-${out}` : out;
}
