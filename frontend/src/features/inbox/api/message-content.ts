import type { Message } from '@/api/types'

/** What a message carries; the server tags it with `type`. Fields are optional: it is untrusted input. */
export type MessageContent =
  | { type: 'text'; body?: string }
  | {
      type: 'media'
      mediaType?: string
      url?: string | null
      mimeType?: string | null
      caption?: string | null
      filename?: string | null
      /** Our stored copy; the message's `mediaUrl` is a signed link to it. */
      fileKey?: string | null
      sizeBytes?: number | null
      /** Why the media could not be fetched from the provider (yet). */
      unavailable?: string | null
    }
  | { type: 'location'; latitude?: number; longitude?: number; name?: string | null; address?: string | null }
  | {
      type: 'interactive'
      body?: string
      options?: { id?: string; title?: string; description?: string | null }[]
      listButton?: string | null
    }
  | { type: 'interactive_reply'; replyId?: string; title?: string }
  | { type: 'template'; name?: string; language?: string; parameters?: string[] }
  | { type: 'reaction'; emoji?: string }
  | { type: 'contacts'; contacts?: { name?: string; phones?: string[] }[] }
  | { type: 'unsupported'; providerType?: string; raw?: string }

export type UnknownContent = { type: string }

export function contentOf(message: Pick<Message, 'content'>): MessageContent | UnknownContent {
  const content = message.content as unknown
  if (typeof content === 'object' && content !== null && typeof (content as { type?: unknown }).type === 'string') {
    return content as MessageContent
  }
  return { type: 'unknown' }
}

/** One line of plain text for a message, e.g. for previews and screen readers. */
export function describeContent(content: MessageContent | UnknownContent): string {
  const c = content as MessageContent
  switch (c.type) {
    case 'text':
      return c.body ?? ''
    case 'media':
      return c.caption || c.filename || `[${c.mediaType ?? 'media'}]`
    case 'location':
      return `Location: ${[c.name, c.address].filter(Boolean).join(', ') || `${c.latitude}, ${c.longitude}`}`
    case 'interactive':
      return c.body ?? ''
    case 'interactive_reply':
      return c.title ?? ''
    case 'template':
      return `Template ${c.name ?? ''}`.trim()
    case 'reaction':
      return `Reacted ${c.emoji ?? ''}`.trim()
    case 'contacts':
      return `Contacts: ${(c.contacts ?? []).map((card) => card.name).join(', ')}`
    case 'unsupported':
      return `Unsupported message (${c.providerType || 'unknown'})`
    default:
      return `Unsupported message (${content.type})`
  }
}

/** Only http(s) addresses may become links; anything else (javascript:, data:, …) stays text. */
export function safeHref(url: string | null | undefined, base = globalThis.location?.origin ?? 'http://localhost') {
  if (!url) return undefined
  try {
    const parsed = new URL(url, base)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

export const WHATSAPP_CHANNEL_TYPES: ReadonlySet<string> = new Set(['whatsapp_cloud', 'twilio_whatsapp'])
const WINDOW_MS = 24 * 60 * 60 * 1000

/** WhatsApp channels (Meta's Cloud API or Twilio's): the ones with templates and the 24-hour window. */
export function isWhatsApp(channelType: string | undefined): channelType is string {
  return channelType !== undefined && WHATSAPP_CHANNEL_TYPES.has(channelType)
}

/**
 * WhatsApp lets a business send free-form messages only within 24 hours of the customer's last
 * message; after that (or before they ever wrote) only approved templates go out.
 */
export function isOutsideWhatsAppWindow(
  channelType: string | undefined,
  lastInboundAt: string | null | undefined,
  now: number = Date.now(),
) {
  if (!isWhatsApp(channelType)) return false
  if (!lastInboundAt) return true
  const last = new Date(lastInboundAt).getTime()
  return Number.isNaN(last) || now - last > WINDOW_MS
}

export type DeliveryState = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed'

const DELIVERY_LABELS: Record<string, string> = {
  received: 'Received',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
}

export function deliveryLabel(state: string) {
  return DELIVERY_LABELS[state] ?? state
}

/** Notes are internal messages the customer never sees. */
export function isNote(message: Pick<Message, 'direction' | 'kind'>) {
  return message.direction === 'internal' || message.kind === 'note'
}

/** Oldest first, each message once (pages may overlap while new messages arrive). */
export function chronological<T extends Pick<Message, 'id' | 'createdAt'>>(newestFirst: readonly T[]): T[] {
  const seen = new Set<string>()
  const unique = newestFirst.filter((message) => (seen.has(message.id) ? false : (seen.add(message.id), true)))
  return unique.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** 1.2 MB, 340 KB: a file size for people. */
export function formatBytes(bytes: number | null | undefined) {
  if (bytes == null || !Number.isFinite(bytes)) return ''
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}
