/**
 * Whether a database can store and compare this text: PostgreSQL refuses the
 * NUL character in text. No stored id or name contains one (the seed refuses
 * them), so a reference with one names nothing.
 */
export function isStorable(text: string): boolean {
  return !text.includes('\u0000')
}

/**
 * Caller-written text in a form every database stores: a NUL becomes U+FFFD,
 * as a lone surrogate already does when the text is encoded as UTF-8.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD')
}
