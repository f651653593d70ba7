/**
 * Whether a database can store and compare this text: PostgreSQL refuses the
 * NUL character in text. No stored id or name contains one (the seed refuses
 * them), so a reference with one names nothing.
 */
export function isStorable(text: string): boolean {
  return !text.includes('\u0000')
}
