import type { FlowDocument, FlowNode } from '../api/types'

export interface NodeChange {
  id: string
  type: string
  /** Top-level fields of `data` (or `type`) that differ. */
  fields: string[]
}

export interface FlowDiff {
  added: FlowNode[]
  removed: FlowNode[]
  changed: NodeChange[]
  addedEdges: string[]
  removedEdges: string[]
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

const edgeKey = (e: { source: string; sourceHandle: string; target: string }) =>
  `${e.source}.${e.sourceHandle} → ${e.target}`

/** What changed from `before` to `after`, by node id; moving a node on the canvas is not a change. */
export function diffDocuments(before: FlowDocument, after: FlowDocument): FlowDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]))
  const now = new Map(after.nodes.map((n) => [n.id, n]))
  const changed: NodeChange[] = []
  for (const node of after.nodes) {
    const previous = old.get(node.id)
    if (!previous) continue
    const fields: string[] = []
    if (previous.type !== node.type) fields.push('type')
    const keys = new Set([...Object.keys(previous.data ?? {}), ...Object.keys(node.data ?? {})])
    for (const key of [...keys].sort()) {
      if (stable(previous.data?.[key]) !== stable(node.data?.[key])) fields.push(key)
    }
    if (fields.length > 0) changed.push({ id: node.id, type: node.type, fields })
  }
  const oldEdges = new Set(before.edges.map(edgeKey))
  const newEdges = new Set(after.edges.map(edgeKey))
  return {
    added: after.nodes.filter((n) => !old.has(n.id)),
    removed: before.nodes.filter((n) => !now.has(n.id)),
    changed,
    addedEdges: [...newEdges].filter((k) => !oldEdges.has(k)),
    removedEdges: [...oldEdges].filter((k) => !newEdges.has(k)),
  }
}

export function isEmptyDiff(diff: FlowDiff) {
  return (
    diff.added.length + diff.removed.length + diff.changed.length + diff.addedEdges.length + diff.removedEdges.length ===
    0
  )
}
