import { describe, expect, it } from 'vitest'
import { formatBytes, isProcessing } from './knowledge'

describe('knowledge helpers', () => {
  it('treats queued and processing documents as in progress', () => {
    expect(isProcessing({ status: 'queued' })).toBe(true)
    expect(isProcessing({ status: 'processing' })).toBe(true)
    expect(isProcessing({ status: 'ready' })).toBe(false)
    expect(isProcessing({ status: 'failed' })).toBe(false)
  })

  it('formats sizes for people', () => {
    expect(formatBytes(90)).toBe('90 B')
    expect(formatBytes(812_000)).toBe('812 kB')
    expect(formatBytes(2_400_000)).toBe('2.4 MB')
  })
})
