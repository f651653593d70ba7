// The cursors of users(...). Opaque to clients, they name the last user of a
// page in the order the page was read in: a cursor of the id order cannot
// continue a search, nor one of a search the id order.
import { isStorable } from '../domain/text.ts'
import type { UserPosition } from '../services/users.ts'

// "user:" is the id order's tag since before searches existed: cursors that
// clients hold stay valid.
const TAG = { id: 'user:', userPrincipalName: 'userByName:' } as const

const valueOf = (position: UserPosition) => (position.order === 'id' ? position.id : position.key)

export const encodeUserCursor = (position: UserPosition) => Buffer.from(TAG[position.order] + valueOf(position)).toString('base64url')

/** The position a cursor names; null when this connection did not make it. */
export function decodeUserCursor(cursor: string): UserPosition | null {
  const decoded = Buffer.from(cursor, 'base64url').toString()
  for (const order of ['id', 'userPrincipalName'] as const) {
    if (!decoded.startsWith(TAG[order])) continue
    const value = decoded.slice(TAG[order].length)
    const position: UserPosition = order === 'id' ? { order, id: value } : { order, key: value }
    return value.length > 0 && isStorable(value) && encodeUserCursor(position) === cursor ? position : null
  }
  return null
}
