import { FlowNodeView } from './flow-node'

/** React Flow's node renderers (a stable object: React Flow warns when it changes). */
export const nodeTypes = { flow: FlowNodeView }
