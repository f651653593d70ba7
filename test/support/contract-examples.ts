// The phone numbers CONTRACT §6 rule 5 names, accepted and rejected.
export const ACCEPTED_NUMBERS = ['+1 5555551234', '+1 5555551234x123', '+1 2065555555', '+44 2071234567']

export const REJECTED_NUMBERS = [
  '5555551234',
  '+1-555-555-1234',
  '+1 555 555 1234',
  '+1 5555551234x',
  '+1 123',
  '+999 5555551234',
  '+1 ５５５５５５１２３４', // non-ASCII digits
  '+١ 5555551234',
  `+1 5555551234x${'1'.repeat(60)}`, // over 64 characters
]
