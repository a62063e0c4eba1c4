import { describe, expect, it } from 'vitest'
import { chronological, describeContent, isOutsideWhatsAppWindow, isWhatsApp, formatBytes, safeHref } from './message-content'

describe('isWhatsApp', () => {
  it('knows both WhatsApp channel types and nothing else', () => {
    expect(isWhatsApp('whatsapp_cloud')).toBe(true)
    expect(isWhatsApp('twilio_whatsapp')).toBe(true)
    expect(isWhatsApp('twilio_sms')).toBe(false)
    expect(isWhatsApp(undefined)).toBe(false)
  })
})

describe('isOutsideWhatsAppWindow', () => {
  const now = Date.parse('2026-11-10T12:00:00Z')

  it('applies only to WhatsApp channels', () => {
    expect(isOutsideWhatsAppWindow('sandbox', null, now)).toBe(false)
    expect(isOutsideWhatsAppWindow('twilio_sms', '2026-01-01T00:00:00Z', now)).toBe(false)
    expect(isOutsideWhatsAppWindow(undefined, null, now)).toBe(false)
  })

  it('is open for 24 hours after the customer last wrote', () => {
    expect(isOutsideWhatsAppWindow('whatsapp_cloud', '2026-11-09T12:00:01Z', now)).toBe(false)
    expect(isOutsideWhatsAppWindow('twilio_whatsapp', '2026-11-09T11:59:59Z', now)).toBe(true)
  })

  it('is closed when the customer never wrote', () => {
    expect(isOutsideWhatsAppWindow('whatsapp_cloud', null, now)).toBe(true)
  })
})

describe('describeContent', () => {
  it('gives each content type a sensible line', () => {
    expect(describeContent({ type: 'text', body: 'hi' })).toBe('hi')
    expect(describeContent({ type: 'media', mediaType: 'image' })).toBe('[image]')
    expect(describeContent({ type: 'reaction', emoji: '👍' })).toBe('Reacted 👍')
    expect(describeContent({ type: 'unsupported', providerType: 'sticker', raw: '{}' })).toBe(
      'Unsupported message (sticker)',
    )
    expect(describeContent({ type: 'hologram' })).toBe('Unsupported message (hologram)')
  })
})

describe('safeHref', () => {
  it('allows http(s) only', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref('data:text/html,<b>x</b>')).toBeUndefined()
    expect(safeHref(null)).toBeUndefined()
  })
})

describe('chronological', () => {
  it('orders oldest first without duplicates', () => {
    const messages = [
      { id: 'c', createdAt: '2026-01-03T00:00:00Z' },
      { id: 'b', createdAt: '2026-01-02T00:00:00Z' },
      { id: 'b', createdAt: '2026-01-02T00:00:00Z' },
      { id: 'a', createdAt: '2026-01-01T00:00:00Z' },
    ]
    expect(chronological(messages).map((message) => message.id)).toEqual(['a', 'b', 'c'])
  })
})

describe('formatBytes', () => {
  it('writes sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(2048)).toBe('2 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(formatBytes(null)).toBe('')
  })
})
