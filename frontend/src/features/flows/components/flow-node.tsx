import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import { CircleAlertIcon } from 'lucide-react'
import { memo } from 'react'
import { cn } from '@/lib/utils'
import { nodeTypeInfo, outputLabel, outputsOf, summary, type CanvasNodeData } from '../lib/model'
import { useCanvasOverlay } from './canvas-context'

// Bigger than React Flow's 6px default: easier to hit with a mouse.
const HANDLE_STYLE = { width: 10, height: 10 }

export type FlowCanvasNode = Node<CanvasNodeData, 'flow'>

/** One node on the canvas: type, a line of its content, its errors, and one source handle per output. */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<FlowCanvasNode>) {
  const { activeNodeId, stats } = useCanvasOverlay()
  const info = nodeTypeInfo(data.flowType)
  const outputs = outputsOf(data.flowType, data.config)
  const nodeStats = stats?.get(id)
  const hasErrors = data.errors.length > 0
  return (
    <div
      data-testid={`flow-node-${id}`}
      data-node-type={data.flowType}
      data-active={activeNodeId === id ? 'true' : undefined}
      className={cn(
        'w-60 rounded-lg border bg-card text-card-foreground shadow-sm',
        selected && 'ring-2 ring-primary',
        hasErrors && 'border-destructive',
        activeNodeId === id && 'ring-4 ring-amber-400',
      )}
    >
      {data.flowType !== 'start' && (
        <Handle type="target" position={Position.Top} id="in" data-testid={`handle-in-${id}`} aria-label="Input" style={HANDLE_STYLE} />
      )}
      <div className="flex items-center justify-between gap-2 border-b px-3 py-1.5">
        <span className="text-sm font-semibold">{info?.label ?? data.flowType}</span>
        <span className="font-mono text-[10px] text-muted-foreground">{id}</span>
      </div>
      <div className="grid gap-1 px-3 py-2 text-xs">
        <span className="line-clamp-2 text-muted-foreground">{summary(data.config) || info?.description}</span>
        {nodeStats && (
          <span className="w-fit rounded bg-secondary px-1.5 py-0.5" data-testid={`stats-${id}`}>
            {nodeStats.entered} entered · {nodeStats.dropOff} dropped off
          </span>
        )}
        {hasErrors && (
          <ul className="grid gap-0.5 text-destructive" data-testid={`errors-${id}`}>
            {data.errors.map((message) => (
              <li key={message} className="flex gap-1">
                <CircleAlertIcon aria-hidden className="mt-0.5 size-3 shrink-0" />
                {message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {outputs.length > 0 && (
        <div className="flex justify-around gap-1 border-t px-1 pt-1 pb-2 text-[10px] text-muted-foreground">
          {outputs.map((output) => (
            // The label truncates in its own span: an overflow-hidden parent would clip the handle's hit area.
            <span key={output} className="relative px-1" title={output}>
              <span className="block max-w-20 truncate">{outputLabel(data.flowType, data.config, output)}</span>
              <Handle
                type="source"
                position={Position.Bottom}
                id={output}
                data-testid={`handle-${id}-${output}`}
                aria-label={`Output ${output}`}
                style={HANDLE_STYLE}
              />
            </span>
          ))}
        </div>
      )}
    </div>
  )
})
