import type { KnowledgeDocument } from '@/api/types'
import { Badge } from '@/components/ui/badge'
import { isProcessing } from '../api/knowledge'

const LABELS: Record<KnowledgeDocument['status'], string> = {
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
}

/** Status badge, a live progress bar while processing, and the reason of a failure. */
export function DocumentStatus({ document }: { document: KnowledgeDocument }) {
  return (
    <div className="grid min-w-40 gap-1" data-testid="document-status" data-status={document.status}>
      <Badge
        variant={document.status === 'ready' ? 'default' : document.status === 'failed' ? 'destructive' : 'secondary'}
        className="w-fit"
      >
        {LABELS[document.status]}
        {isProcessing(document) && ` ${document.progress}%`}
      </Badge>
      {isProcessing(document) && (
        <div
          role="progressbar"
          aria-label={`Processing ${document.title}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={document.progress}
          className="h-1.5 w-full overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${document.progress}%` }} />
        </div>
      )}
      {document.error && <p className="text-xs text-destructive">{document.error}</p>}
    </div>
  )
}
