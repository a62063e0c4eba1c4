import { FileIcon, ImageOffIcon, MapPinIcon, UserRoundIcon } from 'lucide-react'
import type { Message } from '@/api/types'
import { contentOf, describeContent, formatBytes, safeHref, type MessageContent } from '../api/message-content'
import { LinkifiedText } from './linkified-text'

type MediaContent = Extract<MessageContent, { type: 'media' }>

/** Stored media inline (image thumbnail, players, document link); the link is signed and short-lived. */
function Media({ content, mediaUrl }: { content: MediaContent; mediaUrl?: string | null }) {
  const stored = safeHref(mediaUrl)
  const external = safeHref(content.url)
  const kind = content.mediaType ?? 'media'
  const label = content.filename || `${kind}${content.mimeType ? ` (${content.mimeType})` : ''}`
  let body
  if (stored && (kind === 'image' || kind === 'sticker')) {
    body = (
      <a href={stored} target="_blank" rel="noopener noreferrer" className="block" aria-label={`Open ${label}`}>
        <img
          src={stored}
          alt={content.caption || content.filename || 'Image'}
          loading="lazy"
          className="max-h-64 max-w-full rounded-md bg-background/40 object-contain"
          data-testid="message-image"
        />
      </a>
    )
  } else if (stored && kind === 'video') {
    body = <video src={stored} controls preload="metadata" className="max-h-64 max-w-full rounded-md" aria-label={label} />
  } else if (stored && kind === 'audio') {
    body = <audio src={stored} controls preload="metadata" className="max-w-full" aria-label={label} />
  } else {
    const href = stored ?? (content.fileKey ? undefined : external)
    body = (
      <span className="flex items-center gap-2 text-xs opacity-80">
        <FileIcon aria-hidden className="size-4" />
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2" download={stored ? label : undefined}>
            {label}
          </a>
        ) : (
          <span>{label}</span>
        )}
        {content.sizeBytes ? <span>{formatBytes(content.sizeBytes)}</span> : null}
      </span>
    )
  }
  return (
    <span className="grid gap-1">
      {body}
      {!stored && content.unavailable && (
        <span className="flex items-center gap-1 text-xs opacity-80" role="note">
          <ImageOffIcon aria-hidden className="size-3" />
          Media unavailable: {content.unavailable}
        </span>
      )}
      {!stored && !content.unavailable && !content.fileKey && content.url?.startsWith('media:') && (
        <span className="text-xs opacity-70">Fetching media…</span>
      )}
      {content.caption && <LinkifiedText text={content.caption} />}
    </span>
  )
}

/** A message's content by type; everything from the chat is shown as text, never as HTML. */
export function MessageBody({ message }: { message: Pick<Message, 'content'> & { mediaUrl?: string | null } }) {
  const content = contentOf(message)
  const c = content as MessageContent
  switch (c.type) {
    case 'text':
      return <LinkifiedText text={c.body ?? ''} />
    case 'media':
      return <Media content={c} mediaUrl={message.mediaUrl} />
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
