// The widget's public API (/api/v1/webchat/{publicId}/...). Everything the server sends is
// untrusted text; nothing here touches the DOM.

export interface WidgetConfig {
  themeColor: string
  greeting: string
  position: 'bottom-right' | 'bottom-left'
  preChatFields: string[]
  identityVerification: boolean
}

export interface ChatMessage {
  id: string
  direction: 'inbound' | 'outbound'
  sender: string
  text: string
  /** Sources of a bot answer. */
  citations?: { title: string; section?: string | null; url?: string | null }[]
  createdAt: string
  /** Set when the message carries a file: image, video, audio or document, with a signed link. */
  mediaType?: string | null
  mediaUrl?: string | null
  mimeType?: string | null
  filename?: string | null
}

interface Page<T> {
  items: T[]
  totalItems: number
  totalPages: number
}

export interface Session {
  visitorId: string
  visitorToken: string
}

export class ApiError extends Error {
  status: number
  field?: string
  constructor(status: number, message: string, field?: string) {
    super(message)
    this.status = status
    this.field = field
  }
}

export class WebchatApi {
  readonly base: string
  token: string | null = null

  constructor(origin: string, publicId: string) {
    this.base = `${origin}/api/v1/webchat/${encodeURIComponent(publicId)}`
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (init.body) headers['Content-Type'] = 'application/json'
    if (this.token) headers.Authorization = `Bearer ${this.token}`
    const response = await fetch(this.base + path, { ...init, headers, credentials: 'omit', mode: 'cors' })
    const body = response.status === 204 ? null : await response.json().catch(() => null)
    if (!response.ok) {
      const error = body?.errors?.[0]
      throw new ApiError(response.status, error ? `${error.field} ${error.message}` : body?.detail ?? 'Request failed', error?.field)
    }
    return body as T
  }

  config(): Promise<WidgetConfig> {
    return this.call('/config')
  }

  session(details: Record<string, string | undefined>): Promise<Session> {
    return this.call('/sessions', { method: 'POST', body: JSON.stringify(details) })
  }

  send(text: string): Promise<{ id: string }> {
    return this.call('/messages', { method: 'POST', body: JSON.stringify({ text }) })
  }

  /** The latest messages (the last page when there are many), oldest first. */
  async history(): Promise<ChatMessage[]> {
    const size = 100
    const first = await this.call<Page<ChatMessage>>(`/messages?size=${size}`)
    if (first.totalPages <= 1) return first.items
    const last = await this.call<Page<ChatMessage>>(`/messages?size=${size}&page=${first.totalPages - 1}`)
    return last.items
  }

  streamUrl(): string {
    return `${this.base}/stream?token=${encodeURIComponent(this.token ?? '')}`
  }
}
