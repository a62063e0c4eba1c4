import type { FlowDocument, FlowEdge, FlowNode, NodeData, NodeType, ValidationError } from '../api/types'

export interface NodeTypeInfo {
  type: NodeType
  label: string
  description: string
  defaults: () => NodeData
}

export const NODE_TYPES: readonly NodeTypeInfo[] = [
  { type: 'start', label: 'Start', description: 'Where the flow begins and what triggers it', defaults: () => ({ triggers: [{ type: 'new_conversation' }] }) },
  { type: 'message', label: 'Message', description: 'Send a text, buttons or template', defaults: () => ({ text: '' }) },
  { type: 'question', label: 'Question', description: 'Ask and store the answer in a variable', defaults: () => ({ prompt: '', kind: 'text', variable: '', retries: 2 }) },
  { type: 'set_variable', label: 'Set variable', description: 'Assign a value or expression', defaults: () => ({ variable: '', value: '' }) },
  { type: 'condition', label: 'Condition', description: 'Branch on expressions', defaults: () => ({ rules: [{ id: 'r1', label: '', expression: '' }] }) },
  { type: 'intent_router', label: 'Intent router', description: 'Branch on the detected intent', defaults: () => ({ routes: [{ id: 'r1', intent: '' }] }) },
  { type: 'knowledge_answer', label: 'Knowledge answer', description: 'Answer from knowledge bases', defaults: () => ({ question: '{{last_message}}', knowledgeBaseIds: [] }) },
  { type: 'llm', label: 'LLM', description: 'Ask the language model', defaults: () => ({ prompt: '', variable: '' }) },
  { type: 'http', label: 'HTTP request', description: 'Call an external API', defaults: () => ({ method: 'GET', url: '', timeoutMs: 5000 }) },
  { type: 'update_contact', label: 'Update contact', description: 'Tags and attributes', defaults: () => ({ addTags: [], removeTags: [], attributes: {} }) },
  { type: 'wait', label: 'Wait', description: 'Delay or wait for a reply', defaults: () => ({ mode: 'reply', seconds: 300 }) },
  { type: 'subflow', label: 'Subflow', description: 'Run another flow', defaults: () => ({ flowId: '' }) },
  { type: 'handoff', label: 'Hand off', description: 'Pass to a person', defaults: () => ({ message: '' }) },
  { type: 'end', label: 'End', description: 'Finish the flow', defaults: () => ({ message: '' }) },
]

export function nodeTypeInfo(type: string): NodeTypeInfo | undefined {
  return NODE_TYPES.find((info) => info.type === type)
}

function ids(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return []
  return list
    .map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0)
}

/** The named outputs (edge `sourceHandle`s) a node has, as the contract defines them per type. */
export function outputsOf(type: string, data: NodeData): string[] {
  switch (type) {
    case 'start':
    case 'message':
    case 'set_variable':
    case 'update_contact':
    case 'subflow':
      return ['next']
    case 'question':
      return data.kind === 'choice' ? ['next', 'invalid', ...ids(data.choices, 'id')] : ['next', 'invalid']
    case 'condition':
      return [...ids(data.rules, 'id'), 'else']
    case 'intent_router':
      return [...ids(data.routes, 'id'), 'fallback']
    case 'knowledge_answer':
      return ['answered', 'not_found']
    case 'llm':
    case 'http':
      return ['next', 'error']
    case 'wait':
      return ['next', 'timeout']
    default:
      return []
  }
}

/** A human label for an output: the rule's label, the choice's title, or the output name. */
export function outputLabel(type: string, data: NodeData, output: string): string {
  const find = (list: unknown, field: string) =>
    Array.isArray(list)
      ? (list as Record<string, unknown>[]).find((item) => item?.id === output)?.[field]
      : undefined
  const label =
    type === 'condition' ? find(data.rules, 'label') || find(data.rules, 'expression')
    : type === 'intent_router' ? find(data.routes, 'intent')
    : type === 'question' ? find(data.choices, 'title')
    : undefined
  return typeof label === 'string' && label ? label : output
}

// ---------- document <-> React Flow ----------

export interface CanvasNodeData extends Record<string, unknown> {
  flowType: NodeType
  config: NodeData
  errors: string[]
  active?: boolean
  stats?: { entered: number; dropOff: number }
}

export interface CanvasNode {
  id: string
  type: 'flow'
  position: { x: number; y: number }
  data: CanvasNodeData
  selected?: boolean
}

export interface CanvasEdge {
  id: string
  source: string
  sourceHandle: string
  target: string
  selected?: boolean
}

/** Which node a validation error belongs to: its nodeId, else the node index in its JSON pointer. */
export function errorNodeId(error: ValidationError, document: FlowDocument): string | undefined {
  if (error.nodeId) return error.nodeId
  const match = /^\/nodes\/(\d+)(\/|$)/.exec(error.pointer ?? '')
  if (match) return document.nodes[Number(match[1])]?.id
  const edge = /^\/edges\/(\d+)(\/|$)/.exec(error.pointer ?? '')
  if (edge) return document.edges[Number(edge[1])]?.source
  return undefined
}

export function errorsByNode(errors: readonly ValidationError[], document: FlowDocument) {
  const byNode = new Map<string, string[]>()
  const general: string[] = []
  for (const error of errors) {
    const nodeId = errorNodeId(error, document)
    if (nodeId) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), error.message])
    else general.push(error.message)
  }
  return { byNode, general }
}

export function toCanvas(document: FlowDocument, errors: readonly ValidationError[] = []) {
  const { byNode } = errorsByNode(errors, document)
  const nodes: CanvasNode[] = document.nodes.map((node) => ({
    id: node.id,
    type: 'flow',
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    data: { flowType: node.type, config: node.data ?? {}, errors: byNode.get(node.id) ?? [] },
  }))
  const edges: CanvasEdge[] = document.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
  }))
  return { nodes, edges }
}

/** Back to the stored document: only the contract's fields (no selection, errors or overlays). */
export function fromCanvas(
  nodes: readonly { id: string; position: { x: number; y: number }; data: CanvasNodeData }[],
  edges: readonly { id: string; source: string; sourceHandle?: string | null; target: string }[],
): FlowDocument {
  return {
    nodes: nodes.map(
      (node): FlowNode => ({
        id: node.id,
        type: node.data.flowType,
        position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
        data: node.data.config,
      }),
    ),
    edges: edges.map(
      (edge): FlowEdge => ({
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle ?? 'next',
        target: edge.target,
      }),
    ),
  }
}

/** A fresh id with the given prefix that the document does not use yet (n1, n2, … / e1, e2, …). */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  let max = 0
  for (const id of used) {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(id)
    if (match) max = Math.max(max, Number(match[1]))
  }
  let candidate = max + 1
  while (used.has(`${prefix}${candidate}`)) candidate++
  return `${prefix}${candidate}`
}

/**
 * An edge for a new connection: one edge per output, so connecting an output again replaces the old
 * edge. Returns the edges to keep.
 */
export function connect(
  edges: readonly FlowEdge[],
  connection: { source: string; sourceHandle: string; target: string },
): FlowEdge[] {
  if (connection.source === connection.target) return [...edges]
  const kept = edges.filter((e) => !(e.source === connection.source && e.sourceHandle === connection.sourceHandle))
  return [...kept, { id: nextId('e', edges.map((e) => e.id)), ...connection }]
}

/** Drops edges whose output no longer exists (e.g. a deleted condition rule) or whose ends are gone. */
export function pruneEdges(document: FlowDocument): FlowDocument {
  const outputs = new Map(document.nodes.map((node) => [node.id, new Set(outputsOf(node.type, node.data))]))
  return {
    nodes: document.nodes,
    edges: document.edges.filter((e) => outputs.get(e.source)?.has(e.sourceHandle) && outputs.has(e.target)),
  }
}

// ---------- copy / paste ----------

/** Copies of the given nodes (and the edges between them) with fresh ids, shifted by `offset`. */
export function pasteNodes(
  document: FlowDocument,
  clipboard: FlowDocument,
  offset = 40,
): { document: FlowDocument; pastedIds: string[] } {
  const taken = document.nodes.map((n) => n.id)
  const idMap = new Map<string, string>()
  const nodes: FlowNode[] = []
  for (const node of clipboard.nodes) {
    // A second start node would be invalid; it is not pasted.
    if (node.type === 'start' && document.nodes.some((n) => n.type === 'start')) continue
    const id = nextId('n', [...taken, ...idMap.values()])
    idMap.set(node.id, id)
    nodes.push({
      ...node,
      id,
      data: structuredClone(node.data),
      position: { x: node.position.x + offset, y: node.position.y + offset },
    })
  }
  const edgeIds = document.edges.map((e) => e.id)
  const edges: FlowEdge[] = []
  for (const edge of clipboard.edges) {
    const source = idMap.get(edge.source)
    const target = idMap.get(edge.target)
    if (!source || !target) continue
    const id = nextId('e', [...edgeIds, ...edges.map((e) => e.id)])
    edges.push({ ...edge, id, source, target })
  }
  return {
    document: { nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
    pastedIds: nodes.map((n) => n.id),
  }
}

export function selectionOf(document: FlowDocument, nodeIds: ReadonlySet<string>): FlowDocument {
  return {
    nodes: document.nodes.filter((n) => nodeIds.has(n.id)),
    edges: document.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
  }
}

export function removeNodes(document: FlowDocument, nodeIds: ReadonlySet<string>): FlowDocument {
  return {
    nodes: document.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: document.edges.filter((e) => !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  }
}

// ---------- document checks the server also makes (so a pasted file is read before sending) ----------

export function parseDocument(text: string): { name?: string; description?: string; document: FlowDocument } {
  const value: unknown = JSON.parse(text)
  if (!value || typeof value !== 'object') throw new Error('The file is not a JSON object.')
  const record = value as Record<string, unknown>
  const document = (record.document ?? record) as Partial<FlowDocument>
  if (!Array.isArray(document.nodes) || !Array.isArray(document.edges)) {
    throw new Error('The JSON has no "nodes" and "edges" arrays (export a flow to see the format).')
  }
  return {
    name: typeof record.name === 'string' ? record.name : undefined,
    description: typeof record.description === 'string' ? record.description : undefined,
    document: { nodes: document.nodes, edges: document.edges },
  }
}

/** One line of a node's content for the canvas and outlines. */
export function summary(data: Record<string, unknown>): string {
  const text = data.text ?? data.prompt ?? data.message ?? data.url ?? data.variable ?? data.flowId
  return typeof text === 'string' ? text.slice(0, 80) : ''
}

/** A new flow has a start node so the canvas never opens empty. */
export const STARTER_DOCUMENT: FlowDocument = {
  nodes: [{ id: 'n1', type: 'start', position: { x: 0, y: 0 }, data: { triggers: [{ type: 'new_conversation' }] } }],
  edges: [],
}
