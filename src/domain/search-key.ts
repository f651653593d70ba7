/**
 * The one form in which names are stored for lookup and search, and in which
 * a search text is compared with them: a user is found by any prefix of
 * their userPrincipalName or displayName, typed in any case. The keys are
 * compared byte for byte, so everything case- and form-insensitive happens
 * here, in code, the same on SQLite and on PostgreSQL whatever the database's
 * collation or LC_CTYPE (SQL's lower() folds ASCII only on SQLite and on a
 * PostgreSQL database whose LC_CTYPE is C).
 *
 * The choice, in order (docs/upgrades.md explains it for operators):
 * - NFKC first, so that a composed "é" and "e" + U+0301, a full-width "Ａ"
 *   and "A", a ligature "ﬁ" and "fi" are the same text.
 * - Lower case, upper case, lower case again: the full case mappings, so ß,
 *   capital ẞ and "SS" all become "ss", ﬃ becomes "ffi", Georgian Mtavruli
 *   and Cherokee meet their other case. Whatever case a caller types,
 *   upper-casing reaches the same text (the first lower-casing brings ẞ,
 *   whose upper case is itself, to ß first).
 * - Turkish dotted and dotless i (İ i I ı) are all "i": lower-casing İ gives
 *   "i" + U+0307, whose dot is dropped, and ı upper-cases to I. So "İlker",
 *   "ILKER", "i̇lker" and "ılker" find each other. (Unicode's own case
 *   folding keeps "i" + U+0307 for İ and ı apart from i, so that the
 *   upper-cased "ılker", "ILKER", would not find it.)
 * - Final sigma ς is σ: lower-casing picks ς at the end of a word, and the
 *   end of a typed prefix is not the end of the name.
 * - NFKC again, since case mapping and the steps above may leave
 *   decomposed text ("ΐ").
 *
 * Prefixes: a prefix of a name that ends between whole characters (grapheme
 * clusters, what a person types) keys to a prefix of the name's key.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replaceAll('i\u0307', 'i')
    .replaceAll('\u03C2', '\u03C3')
    .normalize('NFKC')
}
