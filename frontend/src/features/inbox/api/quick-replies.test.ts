import { describe, expect, it } from 'vitest'
import { quickReplyQuery } from './quick-replies'

describe('quickReplyQuery', () => {
  it('opens on a leading slash word and closes on anything else', () => {
    expect(quickReplyQuery('/')).toBe('')
    expect(quickReplyQuery('/hou')).toBe('hou')
    expect(quickReplyQuery('/hours and more')).toBeNull()
    expect(quickReplyQuery('see /hours')).toBeNull()
    expect(quickReplyQuery('')).toBeNull()
  })
})
