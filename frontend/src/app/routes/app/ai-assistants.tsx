import { PageHeader } from '@/components/page-header'
import { QueryState } from '@/components/query-state'
import { Section } from '@/components/section'
import { useMcpServer } from '@/features/mcp/api/mcp'
import { McpConnect } from '@/features/mcp/components/mcp-connect'
import { McpToolsTable } from '@/features/mcp/components/mcp-tools-table'
import { OAuthConnectionsTable } from '@/features/oauth/components/oauth-connections-table'
import { useDocumentTitle } from '@/hooks/use-document-title'

export default function AiAssistantsRoute() {
  useDocumentTitle('AI assistants (MCP)')
  const server = useMcpServer()
  return (
    <>
      <PageHeader
        title="AI assistants (MCP)"
        description="Let Claude and other AI assistants place calls, look up contacts, send messages and search your knowledge through the Model Context Protocol."
      />
      <QueryState query={server}>
        {(info) => (
          <>
            <Section title="Connect an assistant">
              <McpConnect server={info} />
            </Section>
            <Section
              title="Connected assistants"
              description="Claude, ChatGPT, Cursor and other MCP clients connect with OAuth: add the endpoint URL above as a remote MCP server, sign in here and approve. Disconnect to end an assistant's access at once."
            >
              <OAuthConnectionsTable />
            </Section>
            <Section
              title="Tools"
              description="What assistants can do. A key sees only the tools its scopes allow, and can be limited further to a list of tools when you create it (API keys → Create API key → MCP tools)."
            >
              <McpToolsTable tools={info.tools} />
            </Section>
          </>
        )}
      </QueryState>
    </>
  )
}
