import { describe, expect, it } from 'vitest'
import { stepValue } from './flow-steps'

describe('stepValue', () => {
  it('shows text as is, other values as JSON, and shortens long ones', () => {
    expect(stepValue('Ada')).toBe('Ada')
    expect(stepValue({ budget: 1200 })).toBe('{"budget":1200}')
    expect(stepValue(null)).toBe('')
    expect(stepValue(undefined)).toBe('')
    const long = stepValue('x'.repeat(500))
    expect(long).toHaveLength(118)
    expect(long.endsWith('…')).toBe(true)
  })
})
