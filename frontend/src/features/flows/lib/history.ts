/** An undo/redo stack of immutable snapshots. */
export interface History<T> {
  past: T[]
  present: T
  future: T[]
}

export const HISTORY_LIMIT = 100

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

/** Records a new state; a redo branch is dropped. Identical snapshots are not recorded twice. */
export function push<T>(history: History<T>, next: T, equals: (a: T, b: T) => boolean = Object.is): History<T> {
  if (equals(history.present, next)) return history
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: [] }
}

/** Replaces the present without an undo step (e.g. a server answer or a drag still in progress). */
export function replace<T>(history: History<T>, present: T): History<T> {
  return { ...history, present }
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history
  const previous = history.past[history.past.length - 1]
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] }
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history
  const [next, ...rest] = history.future
  return { past: [...history.past, history.present], present: next, future: rest }
}

export const canUndo = (history: History<unknown>) => history.past.length > 0
export const canRedo = (history: History<unknown>) => history.future.length > 0
