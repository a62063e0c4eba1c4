import { CopyButton } from '@/components/copy-button'

/** A block of text to copy into another program's configuration. */
export function CodeSnippet({ label, text }: { label: string; text: string }) {
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <CopyButton text={text} />
      </div>
      <pre
        aria-label={label}
        className="overflow-x-auto rounded-md border bg-muted px-3 py-2 font-mono text-xs whitespace-pre select-all"
      >
        {text}
      </pre>
    </div>
  )
}
