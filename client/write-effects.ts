// What each write of the API changes beyond the entities its answer carries,
// which a normalized cache cannot know from the answer alone. Both caches of
// the kit (Apollo Client's and graphcache) act on this one table.
//   - every write adds an audit event: cached audit lists are stale;
//   - the SMS policy decides every mobile's smsSignInState: after an update
//     or a reset every cached phone's state is stale;
//   - updateSignInPreferences answers preferences without identity: the
//     owner's cached preferences are stale;
//   - deletePhoneMethod answers the deleted phone's id: that entity is gone;
//   - a phone added or deleted changes what `phoneMethod(userId, methodId)`
//     answers (null before an add), which no entity of the answer links to.

export interface WriteEffects {
  /** Cached phones' smsSignInState must be read again. */
  readonly smsSignInStates: boolean
  /** Cached users' signInPreferences must be read again. */
  readonly signInPreferences: boolean
  /** The phone whose id the answer names no longer exists. */
  readonly deletesPhone: boolean
  /** Cached `phoneMethod(userId, methodId)` lookups must be read again. */
  readonly phoneLookups: boolean
}

const NONE: WriteEffects = { smsSignInStates: false, signInPreferences: false, deletesPhone: false, phoneLookups: false }

const EFFECTS: Readonly<Record<string, WriteEffects>> = {
  updateSmsAuthenticationMethodConfiguration: { ...NONE, smsSignInStates: true },
  resetSmsAuthenticationMethodConfiguration: { ...NONE, smsSignInStates: true },
  updateSignInPreferences: { ...NONE, signInPreferences: true },
  addPhoneMethod: { ...NONE, phoneLookups: true },
  deletePhoneMethod: { ...NONE, deletesPhone: true, phoneLookups: true },
}

/** The effects of a mutation field, by its name in the schema (every write also makes audit lists stale). */
export const writeEffectsOf = (mutationField: string): WriteEffects => EFFECTS[mutationField] ?? NONE

/** Types of the schema that have no identity: caches embed them in their parent. */
export const TYPES_WITHOUT_IDENTITY = [
  'SignInPreferences',
  'PageInfo',
  'UserConnection',
  'UserEdge',
  'AuditEventConnection',
  'AuditEventEdge',
] as const
