// Switchboard web chat widget. Embed with
//   <script src="https://YOUR-SWITCHBOARD/widget.js" data-channel="PUBLIC_ID" async></script>
// Optional: data-user-id + data-user-hash (identity verification), data-open="true".
// Chat content is untrusted: it is only ever written with textContent.
import { ApiError, type ChatMessage, WebchatApi, type WidgetConfig } from './api.ts'
import { css } from './styles.ts'

const ICON =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z'

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  if (text !== undefined) node.textContent = text
  return node
}

/** Only http(s) links from the server become hrefs (no javascript: URLs). */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript
  if (current instanceof HTMLScriptElement && current.dataset.channel) return current
  return document.querySelector<HTMLScriptElement>('script[data-channel][src*="widget.js"]')
}

class ChatWidget {
  private readonly api: WebchatApi
  private readonly storageKey: string
  private readonly shadow: ShadowRoot
  private readonly host: HTMLElement
  private readonly root = el('div', { class: 'root' })
  private readonly launcher = el('button', { class: 'launcher', type: 'button', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'aria-haspopup': 'dialog' })
  private readonly panel = el('div', { class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sb-title', hidden: '' })
  private readonly log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Messages', tabindex: '0' })
  private readonly error = el('div', { class: 'err', role: 'alert' })
  private readonly seen = new Set<string>()
  private config: WidgetConfig | null = null
  private input: HTMLTextAreaElement | null = null
  private events: EventSource | null = null
  private retry = 1000
  private interrupted = false
  private started = false
  private readonly user: { userId?: string; userHash?: string }

  constructor(origin: string, publicId: string, user: { userId?: string; userHash?: string }) {
    this.user = user
    this.api = new WebchatApi(origin, publicId)
    this.storageKey = `switchboard-chat:${publicId}`
    this.host = el('div', { id: 'switchboard-chat', 'data-testid': 'switchboard-chat' })
    this.shadow = this.host.attachShadow({ mode: 'open' })
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      this.shadow.adoptedStyleSheets = [sheet]
    } catch {
      this.shadow.append(el('style', {}, css))
    }
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
    svg.setAttribute('viewBox', '0 0 24 24')
    svg.setAttribute('aria-hidden', 'true')
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path')
    path.setAttribute('d', ICON)
    svg.append(path)
    this.launcher.append(svg)
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()))
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation()
        this.close()
      }
    })
    this.root.append(this.panel, this.launcher)
    this.shadow.append(this.root)
  }

  async mount(): Promise<void> {
    this.config = await this.api.config()
    this.host.dataset.position = this.config.position
    this.root.style.setProperty('--accent', this.config.themeColor)
    this.launcher.setAttribute('aria-label', 'Open chat')
    document.body.append(this.host)
    const stored = this.loadToken()
    if (stored) {
      this.api.token = stored
      this.startChat().catch((e) => this.fail(e))
    }
  }

  private loadToken(): string | null {
    try {
      const saved = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null')
      // a signed-in user of the site must not inherit another user's (or an anonymous) conversation
      const expected = this.user.userId ? `user:${this.user.userId}` : undefined
      if (saved?.token && (!expected || saved.visitorId === expected)) return saved.token
    } catch {
      /* storage may be blocked */
    }
    return null
  }

  private saveToken(visitorId: string, token: string): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify({ visitorId, token }))
    } catch {
      /* storage may be blocked: the chat still works for this page */
    }
  }

  private open(): void {
    this.panel.hidden = false
    this.launcher.setAttribute('aria-expanded', 'true')
    this.launcher.setAttribute('aria-label', 'Close chat')
    if (!this.panel.firstChild) this.render()
    const first = this.panel.querySelector<HTMLElement>('input, textarea')
    ;(first ?? this.panel.querySelector<HTMLElement>('button'))?.focus()
  }

  private close(): void {
    this.panel.hidden = true
    this.launcher.setAttribute('aria-expanded', 'false')
    this.launcher.setAttribute('aria-label', 'Open chat')
    this.launcher.focus()
  }

  private render(): void {
    const header = el('div', { class: 'header' })
    header.append(el('h2', { id: 'sb-title' }, 'Chat with us'))
    const close = el('button', { class: 'close', type: 'button', 'aria-label': 'Close chat' }, '×')
    close.addEventListener('click', () => this.close())
    header.append(close)
    this.panel.replaceChildren(header, this.log)
    if (!this.api.token && !this.user.userId && (this.config?.preChatFields.length ?? 0) > 0) {
      this.panel.append(this.preChatForm())
    } else {
      this.panel.append(this.composer())
      if (!this.started) this.startChat().catch((e) => this.fail(e))
    }
    this.panel.append(this.error)
    if (this.log.childElementCount === 0 && this.config) this.note(this.config.greeting)
  }

  private preChatForm(): HTMLFormElement {
    const form = el('form', { class: 'pre', 'aria-label': 'Before we start' })
    const labels: Record<string, [string, string, string]> = {
      name: ['Your name', 'text', 'name'],
      email: ['Email', 'email', 'email'],
      phone: ['Phone', 'tel', 'tel'],
    }
    const inputs: Record<string, HTMLInputElement> = {}
    for (const field of this.config?.preChatFields ?? []) {
      const [label, type, autocomplete] = labels[field] ?? [field, 'text', 'off']
      const wrapper = el('label', {}, label)
      const input = el('input', { name: field, type, autocomplete, required: '' })
      wrapper.append(input)
      form.append(wrapper)
      inputs[field] = input
    }
    form.append(el('button', { class: 'start', type: 'submit' }, 'Start chat'))
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      const details: Record<string, string> = {}
      for (const [k, input] of Object.entries(inputs)) details[k] = input.value.trim()
      this.createSession(details)
        .then(() => {
          form.replaceWith(this.composer())
          this.input?.focus()
          return this.startChat()
        })
        .catch((err) => this.fail(err))
    })
    return form
  }

  private composer(): HTMLFormElement {
    const form = el('form', { 'aria-label': 'Send a message' })
    const label = el('label', { class: 'sr', for: 'sb-input' }, 'Message')
    const input = el('textarea', { id: 'sb-input', rows: '1', maxlength: '4096', placeholder: 'Type a message…' })
    const send = el('button', { class: 'send', type: 'submit' }, 'Send')
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault()
        form.requestSubmit()
      }
    })
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      const text = input.value.trim()
      if (!text) return
      send.disabled = true
      this.sendMessage(text)
        .then(() => {
          input.value = ''
          this.error.textContent = ''
        })
        .catch((err) => this.fail(err))
        .finally(() => {
          send.disabled = false
          input.focus()
        })
    })
    form.append(label, input, send)
    this.input = input
    return form
  }

  private async createSession(details: Record<string, string | undefined> = {}): Promise<void> {
    const session = await this.api.session({ ...details, userId: this.user.userId, userHash: this.user.userHash })
    this.api.token = session.visitorToken
    this.saveToken(session.visitorId, session.visitorToken)
  }

  private async sendMessage(text: string): Promise<void> {
    if (!this.api.token) await this.createSession()
    let accepted: { id: string }
    try {
      accepted = await this.api.send(text)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      await this.createSession() // the token expired: a fresh session, then once more
      accepted = await this.api.send(text)
    }
    this.add({ id: accepted.id, direction: 'inbound', sender: 'visitor', text, createdAt: new Date().toISOString() })
    if (!this.events) this.connect()
  }

  /** History, then live replies. */
  private async startChat(): Promise<void> {
    if (this.started) return
    this.started = true
    if (!this.api.token && this.user.userId) await this.createSession()
    if (!this.api.token) return
    try {
      await this.loadHistory()
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.api.token = null // expired or revoked: start over on the next message
        return
      }
      throw e
    }
    this.connect()
  }

  private async loadHistory(): Promise<void> {
    for (const message of await this.api.history()) this.add(message)
  }

  private connect(): void {
    if (!this.api.token) return
    this.events?.close()
    const events = new EventSource(this.api.streamUrl())
    this.events = events
    events.addEventListener('ready', () => {
      if (this.interrupted) this.loadHistory().catch(() => undefined) // fill what we missed while away
      this.interrupted = false
      this.retry = 1000
    })
    events.addEventListener('message', (e) => {
      try {
        this.add(JSON.parse((e as MessageEvent<string>).data) as ChatMessage)
      } catch {
        /* ignore a malformed event */
      }
    })
    events.addEventListener('error', () => {
      this.interrupted = true
      if (events.readyState === EventSource.CLOSED) {
        // the browser gave up (server restart, proxy, token refused): try again with backoff
        this.events = null
        this.retry = Math.min(this.retry * 2, 30000)
        setTimeout(() => {
          if (!this.events) this.connect()
        }, this.retry)
      }
    })
  }

  private note(text: string): void {
    this.log.append(el('div', { class: 'note' }, text))
  }

  private add(message: ChatMessage): void {
    if (this.seen.has(message.id)) return
    this.seen.add(message.id)
    const inbound = message.direction === 'inbound'
    const bubble = el('div', { class: `msg ${inbound ? 'in' : 'out'}`, 'data-direction': message.direction })
    bubble.append(el('span', { class: 'sr' }, inbound ? 'You: ' : 'Agent: '))
    const media = mediaOf(message)
    if (media) bubble.append(media)
    if (message.text) bubble.append(document.createTextNode(message.text))
    if (message.citations && message.citations.length > 0) {
      const sources = el('ul', { class: 'sources', 'aria-label': 'Sources' })
      for (const c of message.citations) {
        const label = c.section ? `${c.title} › ${c.section}` : c.title
        const item = el('li')
        const href = safeUrl(c.url)
        if (href) {
          const link = el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label)
          item.append(link)
        } else {
          item.textContent = label
        }
        sources.append(item)
      }
      bubble.append(sources)
    }
    this.log.append(bubble)
    this.log.scrollTop = this.log.scrollHeight
    if (!inbound && this.panel.hidden) {
      this.launcher.setAttribute('aria-label', 'Open chat (new message)')
    }
  }

  private fail(error: unknown): void {
    this.error.textContent =
      error instanceof ApiError ? error.message : 'Could not reach the chat. Check your connection and try again.'
  }
}

function boot(): void {
  const script = findScript()
  const publicId = script?.dataset.channel
  if (!script || !publicId) {
    console.warn('Switchboard chat: add data-channel="PUBLIC_ID" to the widget script tag')
    return
  }
  const origin = new URL(script.src, location.href).origin
  const widget = new ChatWidget(origin, publicId, {
    userId: script.dataset.userId,
    userHash: script.dataset.userHash,
  })
  const start = () =>
    widget.mount().catch((e) => console.warn('Switchboard chat could not start:', e instanceof Error ? e.message : e))
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
}

boot()

/** A file in a message: an image preview or a link; only https/http links from our server, never HTML. */
function mediaOf(message: ChatMessage): HTMLElement | null {
  if (!message.mediaUrl) return null
  let url: URL
  try {
    url = new URL(message.mediaUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const name = message.filename || (message.mediaType ? `${message.mediaType} file` : 'file')
  const link = el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', class: 'file' })
  if (message.mediaType === 'image') {
    const img = el('img', { src: url.href, alt: message.text || name, class: 'preview' })
    link.append(img)
  } else {
    link.textContent = `📎 ${name}`
  }
  return link
}
