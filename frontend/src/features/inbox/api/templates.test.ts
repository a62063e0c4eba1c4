import { describe, expect, it } from 'vitest'
import type { components } from '@/api/schema'
import { missingVariables, sampleValues } from './templates'

const template = {
  id: 't1',
  variables: [
    { name: '1', sample: 'Ada' },
    { name: '2', sample: 'Tuesday' },
  ],
} as components['schemas']['TemplateView']

describe('template variables', () => {
  it('start from their samples', () => {
    expect(sampleValues(template)).toEqual({ '1': 'Ada', '2': 'Tuesday' })
  })

  it('must all be filled in', () => {
    expect(missingVariables(template, { '1': 'Ada', '2': 'Friday' })).toEqual([])
    expect(missingVariables(template, { '1': ' ', '2': 'Friday' })).toEqual(['1'])
    expect(missingVariables(template, {})).toEqual(['1', '2'])
  })
})
