import type { NodeType } from '../api/types'
import { NODE_TYPES } from '../lib/model'

export const DRAG_TYPE = 'application/x-switchboard-flow-node'

/** Node types to drag onto the canvas; Enter or a click adds one below the others. */
export function Palette({ onAdd, hasStart }: { onAdd: (type: NodeType) => void; hasStart: boolean }) {
  return (
    <nav aria-label="Node palette" className="flex flex-wrap items-center gap-1">
      <h2 className="sr-only">Nodes</h2>
      <p className="mr-1 text-xs text-muted-foreground">Drag onto the canvas, or press Enter to add:</p>
      {NODE_TYPES.filter((info) => info.type !== 'start' || !hasStart).map((info) => (
        <button
          key={info.type}
          type="button"
          draggable
          data-testid={`palette-${info.type}`}
          title={info.description}
          onDragStart={(event) => {
            event.dataTransfer.setData(DRAG_TYPE, info.type)
            event.dataTransfer.effectAllowed = 'move'
          }}
          onClick={() => onAdd(info.type)}
          aria-label={`Add ${info.label} node: ${info.description}`}
          className="cursor-grab rounded-md border bg-card px-2 py-1 text-xs font-medium hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {info.label}
        </button>
      ))}
    </nav>
  )
}
