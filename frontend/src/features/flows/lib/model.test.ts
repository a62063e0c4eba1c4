import { describe, expect, it } from 'vitest'
import type { FlowDocument } from '../api/types'
import { diffDocuments, isEmptyDiff } from './diff'
import { canRedo, canUndo, createHistory, push, redo, undo, HISTORY_LIMIT } from './history'
import { autoLayout, NODE_HEIGHT } from './layout'
import {
  connect,
  errorsByNode,
  fromCanvas,
  nextId,
  outputsOf,
  parseDocument,
  pasteNodes,
  pruneEdges,
  removeNodes,
  selectionOf,
  toCanvas,
} from './model'

const doc: FlowDocument = {
  nodes: [
    { id: 'n1', type: 'start', position: { x: 0, y: 0 }, data: { triggers: [{ type: 'keyword', keywords: ['hi'] }] } },
    { id: 'n2', type: 'question', position: { x: 0, y: 150 }, data: { prompt: 'Name?', kind: 'text', variable: 'name' } },
    { id: 'n3', type: 'message', position: { x: 0, y: 300 }, data: { text: 'Hi {{name}}' } },
    { id: 'n4', type: 'end', position: { x: 0, y: 450 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'n1', sourceHandle: 'next', target: 'n2' },
    { id: 'e2', source: 'n2', sourceHandle: 'next', target: 'n3' },
    { id: 'e3', source: 'n3', sourceHandle: 'next', target: 'n4' },
  ],
}

describe('outputsOf', () => {
  it('names the outputs per node type as the contract does', () => {
    expect(outputsOf('message', {})).toEqual(['next'])
    expect(outputsOf('question', { kind: 'text' })).toEqual(['next', 'invalid'])
    expect(outputsOf('question', { kind: 'choice', choices: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] })).toEqual([
      'next',
      'invalid',
      'yes',
      'no',
    ])
    expect(outputsOf('condition', { rules: [{ id: 'rich', expression: 'budget > 1' }] })).toEqual(['rich', 'else'])
    expect(outputsOf('intent_router', { routes: [{ id: 'b', intent: 'booking' }] })).toEqual(['b', 'fallback'])
    expect(outputsOf('knowledge_answer', {})).toEqual(['answered', 'not_found'])
    expect(outputsOf('http', {})).toEqual(['next', 'error'])
    expect(outputsOf('wait', {})).toEqual(['next', 'timeout'])
    expect(outputsOf('handoff', {})).toEqual([])
    expect(outputsOf('end', {})).toEqual([])
  })
})

describe('document <-> canvas', () => {
  it('round-trips a document unchanged', () => {
    const { nodes, edges } = toCanvas(doc)
    expect(fromCanvas(nodes, edges)).toEqual(doc)
  })

  it('places errors on nodes by nodeId or by the node index in the pointer', () => {
    const { nodes } = toCanvas(doc, [
      { pointer: '/nodes/1/data/variable', message: 'variable is required' },
      { pointer: '', nodeId: 'n4', message: 'unreachable' },
      { pointer: '/edges/2', message: 'bad edge' },
      { pointer: '/name', message: 'flow-level' },
    ])
    expect(nodes.find((n) => n.id === 'n2')?.data.errors).toEqual(['variable is required'])
    expect(nodes.find((n) => n.id === 'n4')?.data.errors).toEqual(['unreachable'])
    expect(nodes.find((n) => n.id === 'n3')?.data.errors).toEqual(['bad edge'])
    expect(errorsByNode([{ pointer: '/name', message: 'flow-level' }], doc).general).toEqual(['flow-level'])
  })

  it('rounds positions and keeps only contract fields when saving', () => {
    const saved = fromCanvas(
      [{ id: 'a', position: { x: 1.4, y: 2.6 }, data: { flowType: 'end', config: {}, errors: ['x'], active: true } }],
      [{ id: 'e', source: 'a', sourceHandle: null, target: 'a' }],
    )
    expect(saved).toEqual({
      nodes: [{ id: 'a', type: 'end', position: { x: 1, y: 3 }, data: {} }],
      edges: [{ id: 'e', source: 'a', sourceHandle: 'next', target: 'a' }],
    })
  })
})

describe('editing', () => {
  it('picks the next free id', () => {
    expect(nextId('n', ['n1', 'n2', 'n7'])).toBe('n8')
    expect(nextId('e', [])).toBe('e1')
  })

  it('keeps one edge per output and refuses self-loops', () => {
    const edges = connect(doc.edges, { source: 'n2', sourceHandle: 'next', target: 'n4' })
    expect(edges.filter((e) => e.source === 'n2')).toEqual([{ id: 'e4', source: 'n2', sourceHandle: 'next', target: 'n4' }])
    expect(connect(doc.edges, { source: 'n2', sourceHandle: 'invalid', target: 'n2' })).toEqual(doc.edges)
  })

  it('prunes edges of outputs that no longer exist', () => {
    const withRule: FlowDocument = {
      nodes: [
        { id: 'c', type: 'condition', position: { x: 0, y: 0 }, data: { rules: [{ id: 'keep', expression: 'a' }] } },
        { id: 'x', type: 'end', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'c', sourceHandle: 'keep', target: 'x' },
        { id: 'e2', source: 'c', sourceHandle: 'gone', target: 'x' },
        { id: 'e3', source: 'c', sourceHandle: 'else', target: 'missing' },
      ],
    }
    expect(pruneEdges(withRule).edges.map((e) => e.id)).toEqual(['e1'])
  })

  it('pastes copies with fresh ids, inner edges, an offset, and never a second start', () => {
    const clipboard = selectionOf(doc, new Set(['n1', 'n2', 'n3']))
    expect(clipboard.edges.map((e) => e.id)).toEqual(['e1', 'e2'])
    const { document, pastedIds } = pasteNodes(doc, clipboard)
    expect(pastedIds).toEqual(['n5', 'n6'])
    expect(document.nodes.filter((n) => n.type === 'start')).toHaveLength(1)
    expect(document.nodes.find((n) => n.id === 'n5')?.position).toEqual({ x: 40, y: 190 })
    expect(document.edges.at(-1)).toEqual({ id: 'e4', source: 'n5', sourceHandle: 'next', target: 'n6' })
  })

  it('removes nodes with their edges', () => {
    const left = removeNodes(doc, new Set(['n2']))
    expect(left.nodes.map((n) => n.id)).toEqual(['n1', 'n3', 'n4'])
    expect(left.edges.map((e) => e.id)).toEqual(['e3'])
  })

  it('reads an export file or a bare document, and names what is wrong', () => {
    expect(parseDocument(JSON.stringify({ name: 'X', document: doc })).name).toBe('X')
    expect(parseDocument(JSON.stringify(doc)).document.nodes).toHaveLength(4)
    expect(() => parseDocument('{"nodes": 1}')).toThrow(/nodes/)
    expect(() => parseDocument('not json')).toThrow(SyntaxError)
  })
})

describe('diffDocuments', () => {
  it('lists added, removed and changed nodes and edges; a move is not a change', () => {
    const after: FlowDocument = {
      nodes: [
        { ...doc.nodes[0], position: { x: 500, y: 500 } },
        { ...doc.nodes[1], data: { ...doc.nodes[1].data, variable: 'full_name' } },
        doc.nodes[3],
        { id: 'n9', type: 'handoff', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [doc.edges[0], { id: 'e9', source: 'n2', sourceHandle: 'next', target: 'n9' }],
    }
    const diff = diffDocuments(doc, after)
    expect(diff.added.map((n) => n.id)).toEqual(['n9'])
    expect(diff.removed.map((n) => n.id)).toEqual(['n3'])
    expect(diff.changed).toEqual([{ id: 'n2', type: 'question', fields: ['variable'] }])
    expect(diff.addedEdges).toEqual(['n2.next → n9'])
    expect(diff.removedEdges).toEqual(['n2.next → n3', 'n3.next → n4'])
    expect(isEmptyDiff(diffDocuments(doc, structuredClone(doc)))).toBe(true)
  })

  it('ignores key order inside data', () => {
    const reordered = structuredClone(doc)
    reordered.nodes[1].data = { variable: 'name', kind: 'text', prompt: 'Name?' }
    expect(isEmptyDiff(diffDocuments(doc, reordered))).toBe(true)
  })
})

describe('autoLayout', () => {
  it('puts each step of a chain below the previous one, changing nothing else', () => {
    const scrambled = structuredClone(doc)
    scrambled.nodes.forEach((n, i) => (n.position = { x: 1000 - i * 300, y: 0 }))
    const laid = autoLayout(scrambled)
    const ys = ['n1', 'n2', 'n3', 'n4'].map((id) => laid.nodes.find((n) => n.id === id)!.position.y)
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(NODE_HEIGHT)
    expect(laid.edges).toBe(scrambled.edges)
    const withoutPosition = (d: FlowDocument) => d.nodes.map((n) => ({ ...n, position: undefined }))
    expect(withoutPosition(laid)).toEqual(withoutPosition(scrambled))
  })
})

describe('history', () => {
  it('undoes and redoes, and a new edit drops the redo branch', () => {
    let h = createHistory(1)
    h = push(h, 2)
    h = push(h, 3)
    h = undo(h)
    expect(h.present).toBe(2)
    expect(canRedo(h)).toBe(true)
    h = redo(h)
    expect(h.present).toBe(3)
    h = undo(undo(h))
    expect(h.present).toBe(1)
    expect(canUndo(h)).toBe(false)
    expect(undo(h)).toBe(h)
    h = push(redo(h), 9)
    expect(h.present).toBe(9)
    expect(canRedo(h)).toBe(false)
    expect(h.past).toEqual([1, 2])
  })

  it('skips identical snapshots and keeps a bounded past', () => {
    let h = createHistory(0)
    expect(push(h, 0)).toBe(h)
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = push(h, i)
    expect(h.past).toHaveLength(HISTORY_LIMIT)
  })
})
