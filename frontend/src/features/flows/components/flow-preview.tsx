import type { FlowDocument } from '../api/types'
import { nodeTypeInfo, outputLabel, summary } from '../lib/model'

/** A read-only outline of a flow: each node with where its outputs lead. */
export function FlowPreview({ document }: { document: FlowDocument }) {
  return (
    <ol className="grid max-h-72 gap-1 overflow-y-auto rounded-md border p-2 text-sm" aria-label="Flow outline">
      {document.nodes.map((node) => {
        const out = document.edges.filter((e) => e.source === node.id)
        return (
          <li key={node.id} className="rounded px-2 py-1 odd:bg-muted/50">
            <span className="font-mono text-xs text-muted-foreground">{node.id}</span>{' '}
            <span className="font-medium">{nodeTypeInfo(node.type)?.label ?? node.type}</span>{' '}
            <span className="text-muted-foreground">{summary(node.data)}</span>
            {out.length > 0 && (
              <span className="block text-xs text-muted-foreground">
                {out.map((e) => `${outputLabel(node.type, node.data, e.sourceHandle)} → ${e.target}`).join(' · ')}
              </span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
