import { PlugZapIcon } from 'lucide-react'
import { useState } from 'react'
import type { OAuthPendingRequest } from '@/api/types'
import { AuthCard } from '@/components/auth-card'
import { PageSpinner } from '@/components/page-spinner'
import { ToolCheckboxes } from '@/components/tool-checkboxes'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { hostOf, useAuthorizationRequest, useDecideAuthorization } from '../api/oauth'

const SCOPE_TEXT: Record<string, string> = {
  read: 'read your data',
  write: 'read and change data, place calls and send messages',
  admin: 'manage the organisation',
}

/**
 * The consent step of the MCP authorization flow: /oauth2/authorize parked the client's request and
 * sent the browser here with its handle; approving answers with the client's redirect URI and a code.
 */
export function OAuthConsent({
  handle,
  leave = (url) => window.location.assign(url),
}: {
  handle: string
  /** Sends the browser to the client's redirect URI (replaceable in tests). */
  leave?: (url: string) => void
}) {
  const request = useAuthorizationRequest(handle)
  if (handle === '') {
    return (
      <AuthCard title="Nothing to approve">
        <p className="text-sm text-muted-foreground">
          This page is opened by an AI assistant asking to connect. Start again from the assistant.
        </p>
      </AuthCard>
    )
  }
  if (request.isPending) return <PageSpinner />
  if (request.isError) {
    return (
      <AuthCard title="This request can’t be answered">
        <ProblemAlert error={request.error} />
      </AuthCard>
    )
  }
  return <ConsentForm handle={handle} request={request.data} leave={leave} />
}

function ConsentForm({
  handle,
  request,
  leave,
}: {
  handle: string
  request: OAuthPendingRequest
  leave: (url: string) => void
}) {
  const [organizationId, setOrganizationId] = useState(request.organizations[0]?.id ?? '')
  const [tools, setTools] = useState<string[] | null>(null)
  const decide = useDecideAuthorization(handle)
  const [leaving, setLeaving] = useState(false)

  async function answer(approve: boolean) {
    const result = await decide.mutateAsync({
      approve,
      organizationId: approve ? organizationId : null,
      tools: approve ? tools : null,
    })
    setLeaving(true)
    leave(result.redirectUrl)
  }

  const scopes = request.scope.split(' ')
  const invalidTools = tools !== null && tools.length === 0
  const busy = decide.isPending || leaving
  return (
    <AuthCard
      title={`Connect ${request.clientName}?`}
      description={
        <>
          <span className="font-medium text-foreground" data-testid="oauth-client-name">
            {request.clientName}
          </span>{' '}
          wants to use Switchboard’s MCP server for you. It will get back to{' '}
          <code className="font-mono text-xs">{hostOf(request.redirectUri)}</code>.
        </>
      }
    >
      <div className="grid gap-5">
        <div className="flex items-start gap-3 rounded-md border p-3 text-sm">
          <PlugZapIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <div className="grid gap-1">
            <span>
              It may {scopes.map((s) => SCOPE_TEXT[s] ?? s).join('; ')} — never more than your own role allows.
            </span>
            <span className="flex gap-1">
              {scopes.map((scope) => (
                <Badge key={scope} variant="secondary">
                  {scope}
                </Badge>
              ))}
            </span>
          </div>
        </div>
        {request.organizations.length === 0 ? (
          <p className="text-sm text-destructive">You are not a member of any organisation.</p>
        ) : (
          <div className="grid gap-2">
            <Label htmlFor="oauth-organization">Organisation</Label>
            <NativeSelect
              id="oauth-organization"
              value={organizationId}
              onChange={(event) => setOrganizationId(event.target.value)}
            >
              {request.organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name} ({org.role})
                </option>
              ))}
            </NativeSelect>
            <p className="text-xs text-muted-foreground">The assistant sees only this organisation’s data.</p>
          </div>
        )}
        <ToolCheckboxes
          idPrefix="oauth-tools"
          limitLabel="Only some tools"
          limitDescription="Off: every MCP tool the scope allows."
          value={tools}
          onChange={setTools}
          error={tools !== null && tools.length === 0 ? 'Pick at least one tool, or turn the limit off.' : undefined}
        />
        <ProblemAlert error={decide.error} fields={['tools', 'organizationId']} />
        <div className="flex gap-2">
          <Button
            className="flex-1"
            disabled={busy || organizationId === '' || invalidTools}
            onClick={() => void answer(true).catch(() => {})}
          >
            Allow
          </Button>
          <Button variant="outline" className="flex-1" disabled={busy} onClick={() => void answer(false).catch(() => {})}>
            Deny
          </Button>
        </div>
        {leaving && <p className="text-sm text-muted-foreground">Returning to {request.clientName}…</p>}
      </div>
    </AuthCard>
  )
}
