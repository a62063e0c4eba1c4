import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export function useMcpServer() {
  return useQuery({ queryKey: ['mcp', 'server'], queryFn: () => unwrap(api.GET('/api/v1/mcp')) })
}

/** The JSON a desktop client (Claude Desktop and others) puts in its config to start the stdio bridge. */
export function stdioConfig(endpointUrl: string): string {
  return JSON.stringify(
    {
      mcpServers: {
        switchboard: {
          command: 'java',
          args: ['-jar', '/path/to/switchboard.jar', 'mcp', '--url', endpointUrl, '--api-key', '<API key>'],
        },
      },
    },
    null,
    2,
  )
}

/** The JSON of clients that speak Streamable HTTP themselves (remote MCP servers with headers). */
export function httpConfig(endpointUrl: string): string {
  return JSON.stringify(
    {
      mcpServers: {
        switchboard: {
          type: 'http',
          url: endpointUrl,
          headers: { Authorization: 'Bearer <API key>' },
        },
      },
    },
    null,
    2,
  )
}
