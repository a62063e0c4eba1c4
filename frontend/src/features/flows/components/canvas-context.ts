import { createContext, useContext } from 'react'

export interface CanvasOverlay {
  activeNodeId?: string
  stats?: ReadonlyMap<string, { entered: number; dropOff: number }>
}

export const CanvasOverlayContext = createContext<CanvasOverlay>({})

export function useCanvasOverlay() {
  return useContext(CanvasOverlayContext)
}
