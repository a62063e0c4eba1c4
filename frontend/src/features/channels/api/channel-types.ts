/** Names people know the channel types by. */
const TYPE_LABELS: Record<string, string> = {
  whatsapp_cloud: 'WhatsApp Cloud API',
  twilio_whatsapp: 'Twilio WhatsApp',
  twilio_sms: 'Twilio SMS',
  webchat: 'Web chat',
  sandbox: 'Sandbox',
}

export function channelTypeLabel(type: string) {
  return TYPE_LABELS[type] ?? type
}

/** "verifyToken" → "Verify token", "phone_number_id" → "Phone number id". */
export function fieldLabel(name: string) {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const PENDING_URL = '<the webhook URL shown once the channel is connected>'

export interface GuideContext {
  webhookUrl?: string | null
  verifyToken?: string | null
}

/** What to paste where in the provider's console for a channel of this type, step by step. */
export function setupGuide(type: string, { webhookUrl, verifyToken }: GuideContext): string[] {
  const url = webhookUrl || PENDING_URL
  switch (type) {
    case 'whatsapp_cloud':
      return [
        `In Meta App Dashboard → WhatsApp → Configuration, set Callback URL to ${url} and Verify token to ${
          verifyToken || '<the verifyToken you entered>'
        }.`,
        'Under Webhook fields, subscribe to `messages`.',
      ]
    case 'twilio_whatsapp':
    case 'twilio_sms':
      return [
        `In the Twilio console, set A MESSAGE COMES IN webhook to ${url} (HTTP POST).`,
        'Save the sender or phone number configuration.',
      ]
    case 'sandbox':
      return ['No provider: use Send test message / Simulate inbound to try conversations end to end.']
    default:
      return webhookUrl
        ? [`Set the provider's webhook URL to ${webhookUrl}.`]
        : ['This channel type needs no webhook.']
  }
}

/**
 * The config to PATCH from an edit form: changed non-secret values (an emptied one removes it),
 * and secrets only when a new value was typed.
 */
export function configChanges(
  fields: readonly { name: string; secret: boolean }[],
  current: Record<string, string>,
  values: Record<string, string>,
): Record<string, string> {
  const changes: Record<string, string> = {}
  for (const field of fields) {
    const value = values[field.name] ?? ''
    if (field.secret) {
      if (value !== '') changes[field.name] = value
    } else if (value !== (current[field.name] ?? '')) {
      changes[field.name] = value
    }
  }
  return changes
}

/** The `config.*` entries of a submitted form, without the prefix. */
export function readConfig(values: Record<string, string>) {
  const config: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('config.')) config[key.slice('config.'.length)] = value
  }
  return config
}
