import { describe, expect, it } from 'vitest'
import { channelTypeLabel, configChanges, fieldLabel, setupGuide } from './channel-types'

describe('setupGuide', () => {
  it('tells WhatsApp Cloud users the callback URL and their verify token', () => {
    const steps = setupGuide('whatsapp_cloud', { webhookUrl: 'https://x.test/webhooks/wa/1', verifyToken: 'tok' })
    expect(steps[0]).toContain('Callback URL to https://x.test/webhooks/wa/1')
    expect(steps[0]).toContain('Verify token to tok')
    expect(steps.join(' ')).toContain('`messages`')
  })

  it('uses placeholders before the channel exists', () => {
    const steps = setupGuide('whatsapp_cloud', {})
    expect(steps[0]).toContain('<the verifyToken you entered>')
    expect(steps[0]).toContain('webhook URL shown once')
  })

  it('tells Twilio users where the webhook goes', () => {
    expect(setupGuide('twilio_sms', { webhookUrl: 'https://x.test/t' })[0]).toBe(
      'In the Twilio console, set A MESSAGE COMES IN webhook to https://x.test/t (HTTP POST).',
    )
  })

  it('explains the sandbox has no provider', () => {
    expect(setupGuide('sandbox', {})[0]).toContain('No provider')
  })
})

describe('labels', () => {
  it('names types and fields for people', () => {
    expect(channelTypeLabel('twilio_whatsapp')).toBe('Twilio WhatsApp')
    expect(channelTypeLabel('other')).toBe('other')
    expect(fieldLabel('verifyToken')).toBe('Verify token')
    expect(fieldLabel('phone_number_id')).toBe('Phone number id')
  })
})

describe('configChanges', () => {
  const fields = [
    { name: 'phoneNumberId', secret: false },
    { name: 'description', secret: false },
    { name: 'accessToken', secret: true },
  ]

  it('keeps secrets unless a new one is typed, and sends changed or cleared values', () => {
    expect(
      configChanges(fields, { phoneNumberId: '1', description: 'old' }, { phoneNumberId: '1', description: '', accessToken: '' }),
    ).toEqual({ description: '' })
    expect(configChanges(fields, {}, { phoneNumberId: '2', accessToken: 'new' })).toEqual({
      phoneNumberId: '2',
      accessToken: 'new',
    })
  })
})
