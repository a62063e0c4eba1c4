import { Fragment } from 'react'
import { safeHref } from '../api/message-content'

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g

/** Untrusted chat text as plain text; only http(s) addresses become links (new tab, no referrer). */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <span className="break-words whitespace-pre-wrap">
      {text.split(URL_PATTERN).map((part, index) => {
        const href = index % 2 === 1 ? safeHref(part) : undefined
        return href ? (
          <a key={index} href={href} target="_blank" rel="noopener noreferrer" className="underline underline-offset-2">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        )
      })}
    </span>
  )
}
