import type { McpServerInfo } from '@/api/types'
import { CopyButton } from '@/components/copy-button'
import { Badge } from '@/components/ui/badge'
import { httpConfig, stdioConfig } from '../api/mcp'
import { CodeSnippet } from './code-snippet'

/** Endpoint, protocol versions and the configuration snippets for desktop and HTTP clients. */
export function McpConnect({ server }: { server: McpServerInfo }) {
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <span className="text-sm font-medium">Endpoint (Streamable HTTP)</span>
        <div className="flex items-center gap-2">
          <code
            data-testid="mcp-endpoint"
            className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
          >
            {server.endpointUrl}
          </code>
          <CopyButton text={server.endpointUrl} />
        </div>
        <p className="text-xs text-muted-foreground">
          Stateless: no sessions, so any node behind your load balancer answers. Protocol versions{' '}
          {server.protocolVersions.map((version) => (
            <Badge key={version} variant="secondary" className="mr-1">
              {version}
            </Badge>
          ))}
          . Calls run in{' '}
          <strong>{server.callsMode === 'bland' ? 'Bland AI mode (real phone calls)' : 'simulation mode (no phone rings)'}</strong>
          .
        </p>
      </div>
      <div className="grid gap-2 text-sm">
        <p>
          <strong>Claude, ChatGPT, Cursor and other clients with OAuth</strong> need only the endpoint URL: add it as a
          remote MCP server, sign in here when the client opens this dashboard, pick the organisation (and, if you like,
          some tools) and allow. No key to copy; disconnect it below at any time.
        </p>
        <p>
          Or authenticate with an organisation API key as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>{' '}
          (create one under API keys; a <em>read</em> key can look but not call or send, a <em>write</em> key can place
          calls and send messages, and a key can be limited to some tools). Without a credential the server answers 401 and
          points clients to its{' '}
          <a className="underline" href={server.resourceMetadataUrl} target="_blank" rel="noreferrer">
            protected-resource metadata
          </a>
          .
        </p>
      </div>
      <CodeSnippet
        label="Claude Desktop and other stdio clients (claude_desktop_config.json)"
        text={stdioConfig(server.endpointUrl)}
      />
      <CodeSnippet label="Stdio bridge command" text={server.stdioCommand} />
      <CodeSnippet label="Clients with Streamable HTTP support (Claude Code, Cursor, ...)" text={httpConfig(server.endpointUrl)} />
    </div>
  )
}
