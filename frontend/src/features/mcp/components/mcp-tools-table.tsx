import type { McpToolInfo } from '@/api/types'
import { type Column, DataTable } from '@/components/data-table'
import { Badge } from '@/components/ui/badge'

const ROLE_LABEL: Record<string, string> = {
  viewer: 'read key',
  agent: 'write key',
  admin: 'admin key',
  owner: 'owner',
}

export function McpToolsTable({ tools }: { tools: readonly McpToolInfo[] }) {
  const columns: Column<McpToolInfo>[] = [
    { header: 'Tool', cell: (tool) => <code className="font-mono text-xs">{tool.name}</code> },
    {
      header: 'What it does',
      cell: (tool) => (
        <div className="grid gap-1">
          <span className="font-medium">{tool.title}</span>
          <span className="text-xs text-muted-foreground">{tool.description}</span>
        </div>
      ),
    },
    {
      header: 'Needs',
      cell: (tool) => (
        <span className="flex flex-wrap gap-1">
          <Badge variant="secondary">{ROLE_LABEL[tool.minimumRole] ?? tool.minimumRole}</Badge>
          {tool.spends && <Badge variant="outline">confirms first</Badge>}
          {tool.readOnly && <Badge variant="outline">read-only</Badge>}
        </span>
      ),
    },
  ]
  return <DataTable rows={tools} columns={columns} rowKey={(tool) => tool.name} label="MCP tools" />
}
