import { describe, expect, it } from 'vitest'
import { parseTerms } from './moderation'

describe('parseTerms', () => {
  it('takes one term per line and drops blank lines', () => {
    expect(parseTerms(' scam \n\nCompetitor X\n  ')).toEqual(['scam', 'Competitor X'])
    expect(parseTerms('')).toEqual([])
  })
})
