import { describe, expect, it } from 'vitest'
import { contactInput, parseTags } from './contacts'

describe('parseTags', () => {
  it('splits on commas, trims and drops empties and repeats', () => {
    expect(parseTags(' vip, lead ,, vip')).toEqual(['vip', 'lead'])
    expect(parseTags('')).toEqual([])
  })
})

describe('contactInput', () => {
  const values = { name: ' Ada ', phone: '', email: '', countryCode: 'us', tags: 'a,b', consent: 'granted', notes: '' }

  it('leaves empty fields out when creating', () => {
    expect(contactInput(values, false, false)).toEqual({
      name: 'Ada',
      phone: null,
      email: null,
      countryCode: 'US',
      tags: ['a', 'b'],
      optedOut: false,
      consent: 'granted',
      notes: null,
    })
  })

  it('sends cleared fields empty when editing', () => {
    expect(contactInput(values, true, true)).toMatchObject({ phone: '', email: '', notes: '', optedOut: true })
  })
})
