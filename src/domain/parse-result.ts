/** The outcome of checking client input: a value, or a message for BAD_USER_INPUT. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }
