import { PlugZapIcon } from 'lucide-react'
import { useState } from 'react'
import type { OAuthPendingRequest } from '@/api/types'
import { AuthCard } from '@/components/auth-card'
import { PageSpinner } from '@/components/page-spinner'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { hostOf, useAuthorizationRequest, useDecideAuthorization, useMcpTools } from '../api/oauth'

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
        <ToolLimit value={tools} onChange={setTools} />
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

function ToolLimit({ value, onChange }: { value: string[] | null; onChange: (tools: string[] | null) => void }) {
  const tools = useMcpTools()
  const limited = value !== null
  return (
    <fieldset className="grid gap-3">
      <div className="flex items-start gap-3">
        <Checkbox
          id="oauth-tools-limited"
          checked={limited}
          onCheckedChange={(checked) => onChange(checked === true ? [] : null)}
        />
        <div className="grid gap-1">
          <Label htmlFor="oauth-tools-limited">Only some tools</Label>
          <p className="text-xs text-muted-foreground">Off: every MCP tool the scope allows.</p>
        </div>
      </div>
      {limited &&
        (tools.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : tools.isError ? (
          <ProblemAlert error={tools.error} />
        ) : (
          <div className="grid max-h-48 gap-2 overflow-y-auto rounded-md border p-3">
            {tools.data.map((tool) => (
              <div key={tool.name} className="flex items-center gap-2">
                <Checkbox
                  id={`oauth-tool-${tool.name}`}
                  checked={value.includes(tool.name)}
                  onCheckedChange={(checked) =>
                    onChange(checked === true ? [...value, tool.name] : value.filter((name) => name !== tool.name))
                  }
                />
                <Label htmlFor={`oauth-tool-${tool.name}`} className="font-mono text-xs" title={tool.title}>
                  {tool.name}
                </Label>
              </div>
            ))}
          </div>
        ))}
      {value !== null && value.length === 0 && (
        <p className="text-sm text-destructive">Pick at least one tool, or turn the limit off.</p>
      )}
    </fieldset>
  )
}
