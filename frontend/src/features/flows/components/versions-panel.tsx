import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { NativeSelect } from '@/components/ui/native-select'
import { formatDateTime } from '@/lib/format'
import { fetchVersion, useRollback, useVersions } from '../api/flows'
import type { Flow, FlowDocument } from '../api/types'
import { diffDocuments, isEmptyDiff, type FlowDiff } from '../lib/diff'
import { nodeTypeInfo } from '../lib/model'
import { FlowPreview } from './flow-preview'

const DRAFT = 'draft'

export function VersionsPanel({
  flowId,
  currentDraft,
  onRolledBack,
}: {
  flowId: string
  currentDraft: FlowDocument
  onRolledBack: (flow: Flow) => void
}) {
  const versions = useVersions(flowId)
  const rollback = useRollback(flowId)
  const [viewing, setViewing] = useState<{ version: number; document: FlowDocument }>()
  const [left, setLeft] = useState('')
  const [right, setRight] = useState(DRAFT)
  const [diff, setDiff] = useState<{ label: string; diff: FlowDiff }>()
  const [error, setError] = useState<unknown>()

  const load = async (key: string) => (key === DRAFT ? currentDraft : (await fetchVersion(flowId, Number(key))).document)

  async function compare() {
    setError(undefined)
    try {
      const [a, b] = await Promise.all([load(left), load(right)])
      setDiff({ label: `${label(left)} → ${label(right)}`, diff: diffDocuments(a, b) })
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section aria-label="Versions" className="grid gap-3">
      <h3 className="font-semibold">Versions</h3>
      {versions.isPending && <p className="text-sm text-muted-foreground">Loading…</p>}
      <ProblemAlert error={versions.error ?? rollback.error ?? error} />
      {versions.data?.length === 0 && (
        <p className="text-sm text-muted-foreground">Not published yet. Publishing makes an immutable version.</p>
      )}
      <ul className="grid gap-1" data-testid="versions-list">
        {versions.data?.map((v) => (
          <li key={v.version} className="flex items-center justify-between gap-2 rounded-md border px-2 py-1 text-sm">
            <span>
              <span className="font-medium">v{v.version}</span>
              {v.active && <span className="ml-1 text-xs text-primary">(live)</span>}
              <span className="block text-xs text-muted-foreground">
                {formatDateTime(v.publishedAt)}
                {v.publishedBy ? ` · ${v.publishedBy}` : ''}
              </span>
            </span>
            <span className="flex gap-1">
              <Button
                variant="ghost"
                size="sm"
                onClick={() =>
                  void fetchVersion(flowId, v.version)
                    .then((loaded) => setViewing({ version: v.version, document: loaded.document }))
                    .catch(setError)
                }
              >
                View
              </Button>
              <ConfirmDialog
                trigger={
                  <Button variant="outline" size="sm" aria-label={`Roll back to v${v.version}`}>
                    Roll back
                  </Button>
                }
                title={`Roll back to v${v.version}?`}
                description="Its content goes live again as a new version and replaces the draft on the canvas."
                confirmLabel="Roll back"
                onConfirm={async () => onRolledBack(await rollback.mutateAsync(v.version))}
              />
            </span>
          </li>
        ))}
      </ul>
      {(versions.data?.length ?? 0) > 0 && (
        <div className="grid gap-2 rounded-md border p-2">
          <h4 className="text-sm font-medium">Compare</h4>
          <div className="flex gap-2">
            <NativeSelect aria-label="Compare from" value={left} onChange={(e) => setLeft(e.target.value)}>
              <option value="">From…</option>
              {versions.data?.map((v) => (
                <option key={v.version} value={String(v.version)}>
                  v{v.version}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect aria-label="Compare to" value={right} onChange={(e) => setRight(e.target.value)}>
              <option value={DRAFT}>Current draft</option>
              {versions.data?.map((v) => (
                <option key={v.version} value={String(v.version)}>
                  v{v.version}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button variant="outline" size="sm" disabled={!left} onClick={() => void compare()}>
            Show differences
          </Button>
          {diff && <DiffView label={diff.label} diff={diff.diff} />}
        </div>
      )}
      <Dialog open={viewing !== undefined} onOpenChange={(open) => !open && setViewing(undefined)}>
        <DialogContent className="sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle>Version {viewing?.version}</DialogTitle>
            <DialogDescription>Read only. Roll back to make it live and the draft again.</DialogDescription>
          </DialogHeader>
          {viewing && <FlowPreview document={viewing.document} />}
        </DialogContent>
      </Dialog>
    </section>
  )
}

function label(key: string) {
  return key === DRAFT ? 'draft' : `v${key}`
}

function DiffView({ label: title, diff }: { label: string; diff: FlowDiff }) {
  if (isEmptyDiff(diff)) return <p className="text-sm text-muted-foreground">{title}: no differences.</p>
  const name = (type: string) => nodeTypeInfo(type)?.label ?? type
  return (
    <div className="grid gap-1 text-sm" data-testid="version-diff">
      <p className="font-medium">{title}</p>
      {diff.added.map((n) => (
        <p key={`a${n.id}`} className="text-green-700 dark:text-green-400">
          + {n.id} {name(n.type)}
        </p>
      ))}
      {diff.removed.map((n) => (
        <p key={`r${n.id}`} className="text-destructive">
          − {n.id} {name(n.type)}
        </p>
      ))}
      {diff.changed.map((c) => (
        <p key={`c${c.id}`} className="text-amber-700 dark:text-amber-400">
          ~ {c.id} {name(c.type)}: {c.fields.join(', ')}
        </p>
      ))}
      {diff.addedEdges.map((e) => (
        <p key={`ae${e}`} className="text-xs text-green-700 dark:text-green-400">
          + {e}
        </p>
      ))}
      {diff.removedEdges.map((e) => (
        <p key={`re${e}`} className="text-xs text-destructive">
          − {e}
        </p>
      ))}
    </div>
  )
}
