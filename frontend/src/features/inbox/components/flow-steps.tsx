import { WorkflowIcon } from 'lucide-react'
import { Link } from 'react-router'
import { formatDateTime } from '@/lib/format'
import { stepValue, useFlowSteps } from '../api/flow-steps'

/** The flow steps this conversation went through; nothing is shown when no flow ran. */
export function FlowStepsTimeline({ conversationId }: { conversationId: string }) {
  const steps = useFlowSteps(conversationId)
  if (!steps.data || steps.data.length === 0) return null
  return (
    <section aria-label="Flow steps" className="grid gap-2" data-testid="flow-steps">
      <h4 className="flex items-center gap-1 text-sm font-semibold">
        <WorkflowIcon aria-hidden className="size-4" />
        Flow steps
      </h4>
      <ol className="grid gap-2 border-l pl-3">
        {steps.data.map((step, index) => {
          const input = stepValue(step.input)
          const output = stepValue(step.output)
          const changed = step.variablesChanged ? Object.entries(step.variablesChanged) : []
          return (
            <li key={`${step.at}-${index}`} className="grid gap-0.5 text-xs">
              <span>
                <Link to={`/flows/${step.flowId}`} className="font-medium hover:underline">
                  {step.flowName}
                </Link>{' '}
                · <span className="font-mono">{step.nodeId}</span> {step.type}
              </span>
              <span className="text-muted-foreground">{formatDateTime(step.at)}</span>
              {input && <span className="break-words">in: {input}</span>}
              {output && <span className="break-words">out: {output}</span>}
              {changed.length > 0 && (
                <span className="break-words text-muted-foreground">
                  {changed.map(([k, v]) => `${k} = ${stepValue(v)}`).join(', ')}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
