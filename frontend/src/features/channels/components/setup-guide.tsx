import { BookOpenIcon } from 'lucide-react'
import { channelTypeLabel, setupGuide, type GuideContext } from '../api/channel-types'

/** What to paste where in the provider's console, for one channel type. */
export function SetupGuide({ type, ...context }: GuideContext & { type: string }) {
  return (
    <aside className="grid gap-2 rounded-lg border bg-muted/40 p-4 text-sm" data-testid="setup-guide">
      <p className="flex items-center gap-2 font-medium">
        <BookOpenIcon aria-hidden className="size-4" />
        Set up {channelTypeLabel(type)}
      </p>
      <ol className="list-decimal space-y-1 pl-5 break-words">
        {setupGuide(type, context).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </aside>
  )
}
