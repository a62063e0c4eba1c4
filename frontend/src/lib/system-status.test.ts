import { describe, expect, it } from 'vitest'
import { describeMode, usesDevMailbox } from './system-status'

describe('describeMode', () => {
  it('describes an offline developer instance', () => {
    expect(describeMode({ offline: true, database: 'embedded', mail: 'dev_mailbox' })).toBe(
      'Offline mode · embedded database · dev mailbox',
    )
  })

  it('describes a production instance', () => {
    expect(describeMode({ offline: false, database: 'external', mail: 'smtp' })).toBe(
      'Online mode · external database · SMTP mail',
    )
  })

  it('tells when mail goes to the dev mailbox', () => {
    expect(usesDevMailbox({ mail: 'dev_mailbox' })).toBe(true)
    expect(usesDevMailbox({ mail: 'smtp' })).toBe(false)
    expect(usesDevMailbox(undefined)).toBe(false)
  })
})
