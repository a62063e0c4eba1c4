import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Palette } from './palette'

describe('Palette', () => {
  it('is reachable by keyboard: Tab to a node type and Enter adds it', async () => {
    const onAdd = vi.fn<(type: string) => void>()
    render(<Palette onAdd={onAdd} hasStart />)
    const user = userEvent.setup()
    await user.tab()
    expect(screen.getByTestId('palette-message')).toHaveFocus()
    await user.keyboard('{Enter}')
    await user.tab()
    await user.keyboard('{Enter}')
    expect(onAdd.mock.calls).toEqual([['message'], ['question']])
  })

  it('offers a start node only while the flow has none', () => {
    const { rerender } = render(<Palette onAdd={vi.fn<(type: string) => void>()} hasStart={false} />)
    expect(screen.getByTestId('palette-start')).toBeInTheDocument()
    rerender(<Palette onAdd={vi.fn<(type: string) => void>()} hasStart />)
    expect(screen.queryByTestId('palette-start')).not.toBeInTheDocument()
  })
})
