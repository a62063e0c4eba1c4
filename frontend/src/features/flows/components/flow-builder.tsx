import { saveFile } from '@/lib/download'
import '@xyflow/react/dist/style.css'
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react'
import {
  BarChart3Icon,
  DownloadIcon,
  LayoutGridIcon,
  Redo2Icon,
  RocketIcon,
  Undo2Icon,
  UploadIcon,
} from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { exportFlow, useAnalytics, useFlow, usePublishFlow, useSaveFlow } from '../api/flows'
import type { Flow, FlowDocument, NodeData, NodeType, ValidationError } from '../api/types'
import { canRedo, canUndo, createHistory, push, redo, undo, type History } from '../lib/history'
import { autoLayout, NODE_HEIGHT } from '../lib/layout'
import {
  connect,
  errorsByNode,
  fromCanvas,
  nextId,
  nodeTypeInfo,
  parseDocument,
  pasteNodes,
  pruneEdges,
  removeNodes,
  selectionOf,
  toCanvas,
} from '../lib/model'
import { CanvasOverlayContext } from './canvas-context'
import type { FlowCanvasNode } from './flow-node'
import { nodeTypes } from './node-types'
import { GenerateFlowDialog } from './new-flow-dialogs'
import { NodeEditor } from './node-editor'
import { DRAG_TYPE, Palette } from './palette'
import { SimulatorPanel } from './simulator-panel'
import { VersionsPanel } from './versions-panel'

const AUTOSAVE_MS = 800

const sameDocument = (a: FlowDocument, b: FlowDocument) => JSON.stringify(a) === JSON.stringify(b)

/** Canvas nodes for a document, keeping what React Flow measured and what is selected. */
function mergeCanvas(
  document: FlowDocument,
  errors: readonly ValidationError[],
  previousNodes: readonly FlowCanvasNode[],
  previousEdges: readonly Edge[],
): { nodes: FlowCanvasNode[]; edges: Edge[] } {
  const { nodes, edges } = toCanvas(document, errors)
  const oldNodes = new Map(previousNodes.map((n) => [n.id, n]))
  const oldEdges = new Map(previousEdges.map((e) => [e.id, e]))
  return {
    nodes: nodes.map((n) => {
      const old = oldNodes.get(n.id)
      return { ...n, measured: old?.measured, selected: old?.selected ?? n.selected }
    }),
    edges: edges.map((e) => ({ ...e, selected: oldEdges.get(e.id)?.selected })),
  }
}

function isEditable(target: EventTarget | null) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

export function FlowBuilder({ id }: { id: string }) {
  const flow = useFlow(id)
  return (
    <QueryState query={flow} skeletonRows={8}>
      {(data) => (
        <ReactFlowProvider>
          <Builder key={data.id} initial={data} />
        </ReactFlowProvider>
      )}
    </QueryState>
  )
}

type SideTab = 'edit' | 'simulate' | 'versions'

function Builder({ initial }: { initial: Flow }) {
  const flowId = initial.id
  const reactFlow = useReactFlow<FlowCanvasNode, Edge>()
  const save = useSaveFlow(flowId)
  const saveDraft = save.mutateAsync
  const publish = usePublishFlow(flowId)

  const [errors, setErrors] = useState<ValidationError[]>(initial.errors ?? [])
  const initialCanvas = useMemo(() => toCanvas(initial.draft, initial.errors), [initial])
  const [nodes, setNodes] = useState<FlowCanvasNode[]>(initialCanvas.nodes)
  const [edges, setEdges] = useState<Edge[]>(initialCanvas.edges)
  const nodesRef = useRef(nodes)
  const edgesRef = useRef(edges)
  const [history, setHistory] = useState<History<FlowDocument>>(() => createHistory(initial.draft))
  const dragStart = useRef<FlowDocument | null>(null)
  const clipboard = useRef<FlowDocument | null>(null)

  const [name, setName] = useState(initial.name)
  const [tab, setTab] = useState<SideTab>('edit')
  const [activeNodeId, setActiveNodeId] = useState<string>()
  const [showAnalytics, setShowAnalytics] = useState(false)
  const analytics = useAnalytics(flowId, showAnalytics)
  const [notice, setNotice] = useState<string>()
  const [importError, setImportError] = useState<string>()
  const importInput = useRef<HTMLInputElement>(null)

  const document = useMemo(() => fromCanvas(nodes, edges), [nodes, edges])
  const documentJson = useMemo(() => JSON.stringify(document), [document])

  const setCanvas = useCallback((nextNodes: FlowCanvasNode[], nextEdges: Edge[]) => {
    nodesRef.current = nextNodes
    edgesRef.current = nextEdges
    setNodes(nextNodes)
    setEdges(nextEdges)
  }, [])

  /** Shows `next` on the canvas; `record` adds an undo step. */
  const applyDocument = useCallback(
    (next: FlowDocument, record = true) => {
      const merged = mergeCanvas(next, errors, nodesRef.current, edgesRef.current)
      setCanvas(merged.nodes, merged.edges)
      if (record) setHistory((h) => push(h, next, sameDocument))
    },
    [errors, setCanvas],
  )

  // Fit once the canvas has the new nodes (React Flow syncs its store in its own effect, which runs first).
  const [fitRequest, setFitRequest] = useState(0)
  const requestFit = useCallback(() => setFitRequest((n) => n + 1), [])
  useEffect(() => {
    if (fitRequest > 0) void reactFlow.fitView({ maxZoom: 1 })
  }, [fitRequest, reactFlow])

  const current = useCallback(() => fromCanvas(nodesRef.current, edgesRef.current), [])

  // Errors from the server are put on the nodes they name.
  useEffect(() => {
    const { byNode } = errorsByNode(errors, fromCanvas(nodesRef.current, edgesRef.current))
    const next = nodesRef.current.map((n) => {
      const mine = byNode.get(n.id) ?? []
      return JSON.stringify(mine) === JSON.stringify(n.data.errors) ? n : { ...n, data: { ...n.data, errors: mine } }
    })
    setCanvas(next, edgesRef.current)
  }, [errors, setCanvas])

  // ---------- autosave ----------
  const savedJson = useRef(JSON.stringify(initial.draft))
  const inFlight = useRef<Promise<unknown> | null>(null)
  const [saveState, setSaveState] = useState<'saved' | 'pending' | 'saving' | 'failed'>('saved')

  const flush = useCallback(async () => {
    if (inFlight.current) await inFlight.current.catch(() => undefined)
    const draft = current()
    const json = JSON.stringify(draft)
    if (json === savedJson.current) {
      setSaveState('saved')
      return
    }
    setSaveState('saving')
    const request = saveDraft({ draft })
    inFlight.current = request
    try {
      const answer = await request
      savedJson.current = json
      setErrors(answer.errors ?? [])
      setSaveState(JSON.stringify(current()) === json ? 'saved' : 'pending')
    } catch (error) {
      setSaveState('failed')
      throw error
    } finally {
      inFlight.current = null
    }
  }, [current, saveDraft])

  useEffect(() => {
    if (documentJson === savedJson.current) return
    setSaveState((s) => (s === 'saving' ? s : 'pending'))
    const timer = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [documentJson, flush])

  // ---------- canvas events ----------
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowCanvasNode>[]) => {
      // Removal goes through deleteSelection so that it is one undo step with its edges.
      const applied = applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        nodesRef.current,
      )
      const dragging = changes.some((c) => c.type === 'position' && c.dragging)
      const dropped = changes.some((c) => c.type === 'position' && c.dragging === false)
      if (dragging && !dragStart.current) dragStart.current = fromCanvas(nodesRef.current, edgesRef.current)
      setCanvas(applied, edgesRef.current)
      if (dropped) {
        const before = dragStart.current
        dragStart.current = null
        const after = fromCanvas(applied, edgesRef.current)
        setHistory((h) => (before ? push({ ...h, present: before }, after, sameDocument) : push(h, after, sameDocument)))
      }
    },
    [setCanvas],
  )

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      setCanvas(nodesRef.current, applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), edgesRef.current))
    },
    [setCanvas],
  )

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return
      const doc = current()
      applyDocument({
        nodes: doc.nodes,
        edges: connect(doc.edges, {
          source: connection.source,
          sourceHandle: connection.sourceHandle,
          target: connection.target,
        }),
      })
    },
    [applyDocument, current],
  )

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      const doc = current()
      const info = nodeTypeInfo(type)
      const id = nextId('n', doc.nodes.map((n) => n.id))
      const lowest = doc.nodes.reduce((max, n) => Math.max(max, n.position.y), -NODE_HEIGHT - 40)
      const at = position ?? { x: doc.nodes.at(-1)?.position.x ?? 0, y: lowest + NODE_HEIGHT + 40 }
      applyDocument({
        nodes: [...doc.nodes, { id, type, position: at, data: info?.defaults() ?? {} }],
        edges: doc.edges,
      })
      // The new node becomes the selection so its editor opens.
      setCanvas(
        nodesRef.current.map((n) => ({ ...n, selected: n.id === id })),
        edgesRef.current,
      )
      setTab('edit')
      if (!position) void reactFlow.fitView({ nodes: [{ id }], maxZoom: 1, duration: 200 })
      return id
    },
    [applyDocument, current, reactFlow, setCanvas],
  )

  function onDrop(event: DragEvent) {
    event.preventDefault()
    const type = event.dataTransfer.getData(DRAG_TYPE) as NodeType
    if (!type || !nodeTypeInfo(type)) return
    const position = reactFlow.screenToFlowPosition({ x: event.clientX, y: event.clientY })
    addNode(type, { x: Math.round(position.x - 120), y: Math.round(position.y - 30) })
  }

  const selectedIds = useMemo(() => new Set(nodes.filter((n) => n.selected).map((n) => n.id)), [nodes])

  const deleteSelection = useCallback(() => {
    const doc = current()
    const nodeIds = new Set(nodesRef.current.filter((n) => n.selected).map((n) => n.id))
    const edgeIds = new Set(edgesRef.current.filter((e) => e.selected).map((e) => e.id))
    if (nodeIds.size === 0 && edgeIds.size === 0) return
    const left = removeNodes(doc, nodeIds)
    applyDocument({ nodes: left.nodes, edges: left.edges.filter((e) => !edgeIds.has(e.id)) })
  }, [applyDocument, current])

  // Undo/redo read the history through a ref so the canvas update is not made inside a state updater.
  const historyRef = useRef(history)
  useEffect(() => {
    historyRef.current = history
  }, [history])
  const travel = useCallback(
    (step: (h: History<FlowDocument>) => History<FlowDocument>) => {
      const next = step(historyRef.current)
      if (next === historyRef.current) return
      historyRef.current = next
      setHistory(next)
      applyDocument(next.present, false)
    },
    [applyDocument],
  )
  const doUndo = useCallback(() => travel(undo), [travel])
  const doRedo = useCallback(() => travel(redo), [travel])

  const copy = useCallback(() => {
    const ids = new Set(nodesRef.current.filter((n) => n.selected).map((n) => n.id))
    if (ids.size > 0) clipboard.current = selectionOf(current(), ids)
  }, [current])

  const paste = useCallback(() => {
    if (!clipboard.current) return
    const { document: next, pastedIds } = pasteNodes(current(), clipboard.current)
    applyDocument(next)
    const pasted = new Set(pastedIds)
    setCanvas(
      nodesRef.current.map((n) => ({ ...n, selected: pasted.has(n.id) })),
      edgesRef.current,
    )
    // A second paste lands further along rather than on top of the first.
    clipboard.current = selectionOf(next, pasted)
  }, [applyDocument, current, setCanvas])

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isEditable(event.target) || window.document.querySelector('[role="dialog"]')) return
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      if (event.key === 'Delete' || event.key === 'Backspace') {
        if (event.target instanceof HTMLElement && event.target.closest('[aria-label="Node palette"]')) return
        event.preventDefault()
        deleteSelection()
      } else if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault()
        doUndo()
      } else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) {
        event.preventDefault()
        doRedo()
      } else if (mod && key === 'c') {
        copy()
      } else if (mod && key === 'v') {
        event.preventDefault()
        paste()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [copy, deleteSelection, doRedo, doUndo, paste])

  // ---------- toolbar actions ----------
  function layout() {
    applyDocument(autoLayout(current()))
    requestFit()
  }

  async function doPublish() {
    setNotice(undefined)
    publish.reset()
    await flush()
    try {
      const published = await publish.mutateAsync()
      setNotice(`Published version ${published.version}.`)
    } catch (error) {
      // 422: the errors are on the flow; fetch them so the nodes show them.
      await save
        .mutateAsync({})
        .then((flow) => setErrors(flow.errors ?? []))
        .catch(() => undefined)
      throw error
    }
  }

  async function doExport() {
    const exported = await exportFlow(flowId)
    saveFile(
      new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }),
      `${(exported.name || 'flow').replace(/[^\w-]+/g, '-').toLowerCase()}.json`,
    )
  }

  async function importIntoCanvas(file: File) {
    setImportError(undefined)
    try {
      applyDocument(parseDocument(await file.text()).document)
      requestFit()
    } catch (error) {
      setImportError(`${file.name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function rename() {
    const trimmed = name.trim()
    if (!trimmed || trimmed === initial.name) return
    save.mutate({ name: trimmed })
  }

  // ---------- editor ----------
  const selectedNode = selectedIds.size === 1 ? nodes.find((n) => selectedIds.has(n.id)) : undefined

  function updateNodeData(nodeId: string, data: NodeData) {
    const doc = current()
    applyDocument(
      pruneEdges({ nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, data } : n)), edges: doc.edges }),
    )
  }

  function jumpToNode(nodeId: string | undefined) {
    setActiveNodeId(nodeId)
    if (nodeId) void reactFlow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 200 })
  }

  const overlay = useMemo(
    () => ({
      activeNodeId: tab === 'simulate' ? activeNodeId : undefined,
      stats:
        showAnalytics && analytics.data
          ? new Map(analytics.data.nodes.map((n) => [n.nodeId, { entered: n.entered, dropOff: n.dropOff }]))
          : undefined,
    }),
    [activeNodeId, analytics.data, showAnalytics, tab],
  )

  const generalErrors = errorsByNode(errors, document).general
  const hasStart = document.nodes.some((n) => n.type === 'start')

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          aria-label="Flow name"
          className="h-9 w-64 text-lg font-semibold"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
        {initial.publishedVersion != null || publish.data ? (
          <Badge>Live v{publish.data?.version ?? initial.publishedVersion}</Badge>
        ) : (
          <Badge variant="secondary">Draft</Badge>
        )}
        <span role="status" aria-live="polite" data-testid="save-state" className="text-xs text-muted-foreground">
          {saveState === 'saved' ? 'Saved' : saveState === 'failed' ? 'Save failed' : 'Saving…'}
        </span>
        {errors.length > 0 && (
          <Badge variant="destructive" data-testid="error-count">
            {errors.length} {errors.length === 1 ? 'problem' : 'problems'}
          </Badge>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-1">
          <Button variant="ghost" size="icon" aria-label="Undo (Ctrl+Z)" title="Undo (Ctrl+Z)" disabled={!canUndo(history)} onClick={doUndo}>
            <Undo2Icon aria-hidden />
          </Button>
          <Button variant="ghost" size="icon" aria-label="Redo (Ctrl+Y)" title="Redo (Ctrl+Y)" disabled={!canRedo(history)} onClick={doRedo}>
            <Redo2Icon aria-hidden />
          </Button>
          <Button variant="outline" size="sm" onClick={layout}>
            <LayoutGridIcon aria-hidden />
            Auto-layout
          </Button>
          <Button
            variant={showAnalytics ? 'secondary' : 'outline'}
            size="sm"
            aria-pressed={showAnalytics}
            onClick={() => setShowAnalytics((s) => !s)}
          >
            <BarChart3Icon aria-hidden />
            Analytics
          </Button>
          <GenerateFlowDialog
            triggerLabel="Generate"
            onAccept={(generated) => {
              applyDocument(generated.document)
              setNotice(
                `Generated ${generated.document.nodes.length} nodes (${generated.mode === 'llm' ? 'language model' : 'rules, offline'}). Undo to go back.`,
              )
              requestFit()
            }}
          />
          <Button variant="outline" size="sm" onClick={() => importInput.current?.click()}>
            <UploadIcon aria-hidden />
            Import
          </Button>
          <input
            ref={importInput}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Import JSON into the canvas"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void importIntoCanvas(file)
            }}
          />
          <Button variant="outline" size="sm" onClick={() => void doExport().catch((e: unknown) => setImportError(String(e)))}>
            <DownloadIcon aria-hidden />
            Export
          </Button>
          <Button size="sm" disabled={publish.isPending} onClick={() => void doPublish().catch(() => undefined)}>
            <RocketIcon aria-hidden />
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </Button>
        </div>
      </div>
      {notice && (
        <p role="status" className="text-sm text-muted-foreground" data-testid="builder-notice">
          {notice}
        </p>
      )}
      {importError && (
        <p role="alert" className="text-sm text-destructive">
          {importError}
        </p>
      )}
      <ProblemAlert error={publish.error} />
      {save.isError && <ProblemAlert error={save.error} />}
      {generalErrors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-destructive" aria-label="Flow problems">
          {generalErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {showAnalytics && analytics.data && (
        <p className="text-sm" data-testid="analytics-summary">
          {analytics.data.entries} entries · {analytics.data.completions} completions
        </p>
      )}
      {showAnalytics && <ProblemAlert error={analytics.error} />}

      <Palette onAdd={(type) => addNode(type)} hasStart={hasStart} />
      <div className="grid gap-3 lg:grid-cols-[1fr_21rem]">
        <div
          className="h-[72vh] rounded-lg border"
          data-testid="flow-canvas"
          onDragOver={(e) => {
            e.preventDefault()
            e.dataTransfer.dropEffect = 'move'
          }}
          onDrop={onDrop}
        >
          <CanvasOverlayContext.Provider value={overlay}>
            <ReactFlow<FlowCanvasNode, Edge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              deleteKeyCode={null}
              fitView
              fitViewOptions={{ maxZoom: 1 }}
              proOptions={{ hideAttribution: true }}
              aria-label="Flow canvas"
            >
              <Background />
              <Controls />
              <MiniMap pannable zoomable ariaLabel="Mini-map" />
            </ReactFlow>
          </CanvasOverlayContext.Provider>
        </div>
        <aside className="grid max-h-[72vh] content-start gap-3 overflow-y-auto">
          <div role="tablist" aria-label="Side panel" className="flex gap-1">
            {(
              [
                ['edit', 'Editor'],
                ['simulate', 'Simulator'],
                ['versions', 'Versions'],
              ] as const
            ).map(([key, label]) => (
              <Button
                key={key}
                role="tab"
                aria-selected={tab === key}
                variant={tab === key ? 'secondary' : 'ghost'}
                size="sm"
                onClick={() => setTab(key)}
              >
                {label}
              </Button>
            ))}
          </div>
          {tab === 'edit' &&
            (selectedNode ? (
              <NodeEditor
                key={selectedNode.id}
                nodeId={selectedNode.id}
                type={selectedNode.data.flowType}
                data={selectedNode.data.config}
                errors={selectedNode.data.errors}
                onChange={(data) => updateNodeData(selectedNode.id, data)}
                onDelete={deleteSelection}
              />
            ) : (
              <p className="text-sm text-muted-foreground">
                Select a node to edit it. Shortcuts: Delete removes the selection, Ctrl+Z / Ctrl+Y undo and redo, Ctrl+C /
                Ctrl+V copy and paste.
              </p>
            ))}
          {tab === 'simulate' && (
            <SimulatorPanel flowId={flowId} nodes={document.nodes} beforeRun={flush} onActiveNode={jumpToNode} />
          )}
          {tab === 'versions' && (
            <VersionsPanel
              flowId={flowId}
              currentDraft={document}
              onRolledBack={(flow) => {
                savedJson.current = JSON.stringify(flow.draft)
                setErrors(flow.errors ?? [])
                applyDocument(flow.draft)
                setNotice('Rolled back: the draft is that version again.')
              }}
            />
          )}
        </aside>
      </div>
    </div>
  )
}
