import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { fakeFetch, json } from '@/test/http'
import { renderRoute } from '@/test/render'
import { OAuthConsent } from './oauth-consent'

const pending = {
  clientId: 'sbc_1',
  clientName: 'Claude',
  redirectUri: 'https://claude.ai/api/mcp/auth_callback',
  scope: 'write',
  scopeRole: 'agent',
  resource: 'https://switchboard.example/mcp',
  expiresAt: '2026-11-23T21:00:00Z',
  organizations: [
    { id: 'o1', name: 'Acme', role: 'owner' },
    { id: 'o2', name: 'Beta', role: 'agent' },
  ],
}

const server = {
  endpointUrl: 'https://switchboard.example/mcp',
  tools: [
    { name: 'get_credit_balance', title: 'Credit balance' },
    { name: 'place_call', title: 'Place a call' },
  ],
}

describe('OAuthConsent', () => {
  it('approves for the picked organisation and tools, then leaves for the client', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.path === '/api/v1/oauth/requests/h1') return json(pending)
      if (call.path === '/api/v1/mcp') return json(server)
      return json({ redirectUrl: 'https://claude.ai/api/mcp/auth_callback?code=c1&state=s' })
    })
    vi.stubGlobal('fetch', fetch)
    const leave = vi.fn<(url: string) => void>()
    renderRoute('/oauth/consent', <OAuthConsent handle="h1" leave={leave} />)

    expect(await screen.findByRole('heading', { name: 'Connect Claude?' })).toBeInTheDocument()
    expect(screen.getByText('claude.ai')).toBeInTheDocument()
    const user = userEvent.setup()
    await user.selectOptions(screen.getByLabelText('Organisation'), 'o2')
    await user.click(screen.getByLabelText('Only some tools'))
    expect(screen.getByRole('button', { name: 'Allow' })).toBeDisabled()
    await user.click(await screen.findByLabelText('get_credit_balance'))
    await user.click(screen.getByRole('button', { name: 'Allow' }))

    await vi.waitFor(() => expect(leave).toHaveBeenCalledWith('https://claude.ai/api/mcp/auth_callback?code=c1&state=s'))
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/v1/oauth/requests/h1/decision',
      body: { approve: true, organizationId: 'o2', tools: ['get_credit_balance'] },
    })
  })

  it('shows why an expired request cannot be answered', async () => {
    const { fetch } = fakeFetch(() =>
      json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Authorization request not found' }, 404),
    )
    vi.stubGlobal('fetch', fetch)
    renderRoute('/oauth/consent', <OAuthConsent handle="gone" leave={vi.fn<(url: string) => void>()} />)
    expect(await screen.findByText('Authorization request not found')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Allow' })).not.toBeInTheDocument()
  })
})
