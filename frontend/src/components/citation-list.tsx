export interface Citation {
  title: string
  section?: string | null
  url?: string | null
}

/** Only absolute http(s) links: a source's URL comes from crawled or uploaded content. */
function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

/** The sources an answer was built from, linked when they have a safe URL. */
export function CitationList({
  citations,
  textClassName,
  itemClassName,
  testId,
}: {
  citations: readonly Citation[]
  /** the list's text size */
  textClassName: string
  /** padding and border colour of one source */
  itemClassName: string
  testId: string
}) {
  return (
    <ul className={`flex flex-wrap gap-1 ${textClassName}`} aria-label="Sources" data-testid={testId}>
      {citations.map((c, i) => {
        const href = safeHref(c.url)
        const label = `${c.title}${c.section ? ` › ${c.section}` : ''}`
        return (
          <li key={i} className={`rounded border ${itemClassName}`}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer" className="underline">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        )
      })}
    </ul>
  )
}
