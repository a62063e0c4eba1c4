import { FileIcon, MapPinIcon, UserRoundIcon } from 'lucide-react'
import type { Message } from '@/api/types'
import { contentOf, describeContent, safeHref, type MessageContent } from '../api/message-content'
import { LinkifiedText } from './linkified-text'

function Media({ content }: { content: Extract<MessageContent, { type: 'media' }> }) {
  const href = safeHref(content.url)
  const label = content.filename || `${content.mediaType ?? 'media'}${content.mimeType ? ` (${content.mimeType})` : ''}`
  return (
    <span className="grid gap-1">
      <span className="flex items-center gap-2 text-xs opacity-80">
        <FileIcon aria-hidden className="size-4" />
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2">
            {label}
          </a>
        ) : (
          <span>{label}</span>
        )}
      </span>
      {content.caption && <LinkifiedText text={content.caption} />}
    </span>
  )
}

/** A message's content by type; everything from the chat is shown as text, never as HTML. */
export function MessageBody({ message }: { message: Pick<Message, 'content'> }) {
  const content = contentOf(message)
  const c = content as MessageContent
  switch (c.type) {
    case 'text':
      return <LinkifiedText text={c.body ?? ''} />
    case 'media':
      return <Media content={c} />
    case 'location': {
      const mapHref =
        typeof c.latitude === 'number' && typeof c.longitude === 'number'
          ? `https://www.openstreetmap.org/?mlat=${c.latitude}&mlon=${c.longitude}#map=16/${c.latitude}/${c.longitude}`
          : undefined
      return (
        <span className="flex items-start gap-2">
          <MapPinIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span className="grid">
            {c.name && <span className="font-medium">{c.name}</span>}
            {c.address && <span>{c.address}</span>}
            {mapHref && (
              <a href={mapHref} target="_blank" rel="noopener noreferrer" className="text-xs underline underline-offset-2">
                {c.latitude}, {c.longitude}
              </a>
            )}
          </span>
        </span>
      )
    }
    case 'interactive':
      return (
        <span className="grid gap-2">
          <LinkifiedText text={c.body ?? ''} />
          <span className="flex flex-wrap gap-1" aria-label="Options">
            {(c.options ?? []).map((option, index) => (
              <span key={option.id ?? index} className="rounded-md border bg-background/60 px-2 py-0.5 text-xs" title={option.description ?? undefined}>
                {option.title}
              </span>
            ))}
          </span>
          {c.listButton && <span className="text-xs opacity-70">List button: {c.listButton}</span>}
        </span>
      )
    case 'interactive_reply':
      return (
        <span>
          <span className="text-xs opacity-70">Chose: </span>
          {c.title}
        </span>
      )
    case 'template':
      return (
        <span className="grid gap-0.5">
          <span className="text-xs opacity-70">
            Template {c.name} ({c.language})
          </span>
          {(c.parameters ?? []).length > 0 && <span>{(c.parameters ?? []).join(' · ')}</span>}
        </span>
      )
    case 'reaction':
      return <span aria-label={`Reaction ${c.emoji ?? ''}`} className="text-2xl">{c.emoji}</span>
    case 'contacts':
      return (
        <span className="grid gap-1">
          {(c.contacts ?? []).map((card, index) => (
            <span key={index} className="flex items-center gap-2">
              <UserRoundIcon aria-hidden className="size-4" />
              {card.name} {(card.phones ?? []).join(', ')}
            </span>
          ))}
        </span>
      )
    default:
      return <span className="italic opacity-80">{describeContent(content)}</span>
  }
}
