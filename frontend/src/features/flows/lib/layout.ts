import dagre from '@dagrejs/dagre'
import type { FlowDocument } from '../api/types'

export const NODE_WIDTH = 240
export const NODE_HEIGHT = 110

/** Top-to-bottom layered layout (dagre); returns the document with new positions, nothing else changed. */
export function autoLayout(document: FlowDocument, direction: 'TB' | 'LR' = 'TB'): FlowDocument {
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: direction, nodesep: 50, ranksep: 70 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of document.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT })
  for (const edge of document.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target)
  }
  dagre.layout(graph)
  return {
    nodes: document.nodes.map((node) => {
      const placed = graph.node(node.id)
      // dagre gives centres; React Flow positions are top-left corners.
      return { ...node, position: { x: Math.round(placed.x - NODE_WIDTH / 2), y: Math.round(placed.y - NODE_HEIGHT / 2) } }
    }),
    edges: document.edges,
  }
}
