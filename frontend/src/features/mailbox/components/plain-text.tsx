import { Fragment } from 'react'

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g

/**
 * Mail text as plain text: React escapes everything; only http(s) addresses become links so
 * sign-in and invitation links can be followed.
 */
export function PlainText({ text }: { text: string }) {
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-primary underline underline-offset-4" rel="noreferrer">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  )
}
