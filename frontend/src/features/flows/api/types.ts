import type { paths as GeneratedPaths } from '@/api/schema'

// Local types matching /work/briefs/flows-contract.md (the flows API). They mirror what
// openapi-typescript generates, so swapping them for `components['schemas'][...]` is a rename.

export type NodeType =
  | 'start'
  | 'message'
  | 'question'
  | 'set_variable'
  | 'condition'
  | 'intent_router'
  | 'knowledge_answer'
  | 'llm'
  | 'http'
  | 'update_contact'
  | 'wait'
  | 'subflow'
  | 'handoff'
  | 'end'

export type NodeData = Record<string, unknown>

export interface FlowNode {
  id: string
  type: NodeType
  position: { x: number; y: number }
  data: NodeData
}

export interface FlowEdge {
  id: string
  source: string
  sourceHandle: string
  target: string
}

export interface FlowDocument {
  nodes: FlowNode[]
  edges: FlowEdge[]
}

export interface ValidationError {
  pointer: string
  nodeId?: string
  message: string
}

export interface FlowSummary {
  id: string
  name: string
  description?: string | null
  status: 'draft' | 'published'
  publishedVersion?: number | null
  updatedAt: string
  entries?: number | null
  completions?: number | null
}

export interface Flow {
  id: string
  name: string
  description?: string | null
  draft: FlowDocument
  publishedVersion?: number | null
  updatedAt: string
  errors: ValidationError[]
}

export interface FlowPage {
  items: FlowSummary[]
  page: number
  size: number
  totalItems: number
  totalPages: number
}

export interface FlowVersionSummary {
  version: number
  publishedAt: string
  publishedBy?: string | null
  active: boolean
}

export interface FlowVersion {
  version: number
  document: FlowDocument
  publishedAt: string
}

export interface FlowExport {
  name: string
  description?: string | null
  document: FlowDocument
  schemaVersion?: number | string
}

export interface GeneratedFlow {
  document: FlowDocument
  mode: 'llm' | 'rules'
  notes: string[]
}

export interface SimulateRequest {
  sessionId?: string
  message?: string
  restart?: boolean
  jumpTo?: string
}

export interface SimulationStep {
  nodeId: string
  type: string
  input?: unknown
  output?: unknown
  at: string
}

export interface SimulateResponse {
  sessionId: string
  replies: { text: string; buttons?: { id: string; title: string }[] | null }[]
  activeNodeId?: string | null
  variables: Record<string, unknown>
  waitingFor?: string | null
  ended: boolean
  steps: SimulationStep[]
}

export interface FlowAnalytics {
  entries: number
  completions: number
  nodes: { nodeId: string; entered: number; dropOff: number }[]
}

export interface FlowTemplate {
  key: string
  name: string
  description: string
  document: FlowDocument
}

export interface ValidationResult {
  valid: boolean
  errors: ValidationError[]
}

type Res<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } }
type NoParams = { query?: never; header?: never; path?: never; cookie?: never }
type IdParams = { query?: never; header?: never; path: { id: string }; cookie?: never }
type VersionParams = { query?: never; header?: never; path: { id: string; version: number }; cookie?: never }
type Get<P, T> = { parameters: P; requestBody?: never; responses: { 200: Res<T> } }
type Post<P, B, T, S extends number = 200> = {
  parameters: P
  requestBody: { content: { 'application/json': B } }
  responses: { [K in S]: Res<T> }
}
type PostEmpty<P, T> = { parameters: P; requestBody?: never; responses: { 200: Res<T> } }

/** openapi-fetch `paths` for the flows endpoints (until the generated schema has them). */
export interface FlowPaths {
  '/api/v1/flows': {
    get: Get<{ query?: { page?: number; size?: number; q?: string }; header?: never; path?: never; cookie?: never }, FlowPage>
    post: Post<NoParams, { name: string; description?: string; document?: FlowDocument }, Flow, 201>
  }
  '/api/v1/flows/{id}': {
    get: Get<IdParams, Flow>
    patch: Post<IdParams, { name?: string; description?: string; draft?: FlowDocument }, Flow>
    delete: { parameters: IdParams; requestBody?: never; responses: { 204: { headers: { [name: string]: unknown }; content?: never } } }
  }
  '/api/v1/flows/validate': { post: Post<NoParams, { document: FlowDocument }, ValidationResult> }
  '/api/v1/flows/{id}/publish': { post: PostEmpty<IdParams, { version: number; publishedAt: string }> }
  '/api/v1/flows/{id}/versions': { get: Get<IdParams, FlowVersionSummary[]> }
  '/api/v1/flows/{id}/versions/{version}': { get: Get<VersionParams, FlowVersion> }
  '/api/v1/flows/{id}/versions/{version}/rollback': { post: PostEmpty<VersionParams, unknown> }
  '/api/v1/flows/{id}/export': { get: Get<IdParams, FlowExport> }
  '/api/v1/flows/import': {
    post: Post<NoParams, { name: string; description?: string; document: FlowDocument }, Flow, 201>
  }
  '/api/v1/flows/generate': { post: Post<NoParams, { description: string }, GeneratedFlow> }
  '/api/v1/flows/{id}/simulate': { post: Post<IdParams, SimulateRequest, SimulateResponse> }
  '/api/v1/flows/{id}/analytics': {
    get: Get<{ query?: { from?: string; to?: string }; header?: never; path: { id: string }; cookie?: never }, FlowAnalytics>
  }
  '/api/v1/flows/templates': { get: Get<NoParams, FlowTemplate[]> }
  '/api/v1/conversations/{id}/flow-steps': { get: Get<IdParams, FlowStep[]> }
}

export interface FlowStep {
  flowId: string
  flowName: string
  nodeId: string
  type: string
  input?: unknown
  output?: unknown
  variablesChanged?: Record<string, unknown> | null
  at: string
}

// The generated schema types documents as Jackson's JsonNode (an opaque object), so the contract
// types above stay the ones used; this fails to compile if a path here is missing from openapi.json.
type MissingPaths = Exclude<keyof FlowPaths, keyof GeneratedPaths>
export const FLOW_PATHS_ARE_DOCUMENTED: [MissingPaths] extends [never] ? true : MissingPaths = true
