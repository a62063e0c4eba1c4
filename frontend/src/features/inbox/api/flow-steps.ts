import { useQuery } from '@tanstack/react-query'
import type { Client } from 'openapi-fetch'
import { api, unwrap } from '@/api/client'

/** A step a flow took in this conversation (GET /conversations/{id}/flow-steps). */
export interface ConversationFlowStep {
  flowId: string
  flowName: string
  nodeId: string
  type: string
  input?: unknown
  output?: unknown
  variablesChanged?: Record<string, unknown> | null
  at: string
}

interface FlowStepPaths {
  '/api/v1/conversations/{id}/flow-steps': {
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never }
      requestBody?: never
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': ConversationFlowStep[] } } }
    }
  }
}

const flowStepsApi = api as unknown as Client<FlowStepPaths>

export function useFlowSteps(conversationId: string) {
  return useQuery({
    queryKey: ['conversations', 'flow-steps', conversationId],
    queryFn: () =>
      unwrap(flowStepsApi.GET('/api/v1/conversations/{id}/flow-steps', { params: { path: { id: conversationId } } })),
  })
}

/** A short readable form of a step's input or output (never markup: rendered as text). */
export function stepValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 117)}…` : text
}
