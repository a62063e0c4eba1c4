import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { Skeleton } from '@/components/ui/skeleton'
import { ProblemAlert } from '@/components/problem-alert'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

/** The MCP server's tool names and titles, for choosing a subset. */
function useMcpToolNames() {
  return useQuery({
    queryKey: ['mcp', 'tool-names'],
    queryFn: () => unwrap(api.GET('/api/v1/mcp')),
    select: (server) => server.tools.map((tool) => ({ name: tool.name, title: tool.title })),
  })
}

interface ToolCheckboxesProps {
  /** null = every tool the scopes allow. */
  value: readonly string[] | null
  onChange: (tools: string[] | null) => void
  error?: string
  /** Keeps element ids unique when two choosers could share a page. */
  idPrefix?: string
  legend?: string
  limitLabel?: string
  limitDescription?: string
}

/** An optional limit to some MCP tools (AI assistants see and call only those): API keys, OAuth consent. */
export function ToolCheckboxes({
  value,
  onChange,
  error,
  idPrefix = 'tools',
  legend,
  limitLabel = 'Limit to some tools',
  limitDescription = 'Off: every MCP tool the scopes allow.',
}: ToolCheckboxesProps) {
  const tools = useMcpToolNames()
  const limited = value !== null
  return (
    <fieldset className="grid gap-3">
      {legend && <legend className="mb-2 text-sm font-medium">{legend}</legend>}
      <div className="flex items-start gap-3">
        <Checkbox
          id={`${idPrefix}-limited`}
          checked={limited}
          onCheckedChange={(checked) => onChange(checked === true ? [] : null)}
          aria-describedby={`${idPrefix}-limited-description`}
        />
        <div className="grid gap-1">
          <Label htmlFor={`${idPrefix}-limited`}>{limitLabel}</Label>
          <p id={`${idPrefix}-limited-description`} className="text-xs text-muted-foreground">
            {limitDescription}
          </p>
        </div>
      </div>
      {limited &&
        (tools.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : tools.isError ? (
          <ProblemAlert error={tools.error} />
        ) : (
          <div className="grid max-h-48 grid-cols-1 gap-2 overflow-y-auto rounded-md border p-3 sm:grid-cols-2">
            {tools.data.map((tool) => (
              <div key={tool.name} className="flex items-center gap-2">
                <Checkbox
                  id={`${idPrefix}-${tool.name}`}
                  checked={value.includes(tool.name)}
                  onCheckedChange={(checked) =>
                    onChange(
                      checked === true ? [...value, tool.name] : value.filter((name) => name !== tool.name),
                    )
                  }
                />
                <Label htmlFor={`${idPrefix}-${tool.name}`} className="font-mono text-xs" title={tool.title}>
                  {tool.name}
                </Label>
              </div>
            ))}
          </div>
        ))}
      {error && <p className="text-sm text-destructive">{error}</p>}
    </fieldset>
  )
}
