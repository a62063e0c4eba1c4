import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'
import { Skeleton } from '@/components/ui/skeleton'
import { ProblemAlert } from '@/components/problem-alert'
import { useMcpToolNames } from '../api/api-keys'

interface ToolCheckboxesProps {
  /** null = every tool the scopes allow. */
  value: readonly string[] | null
  onChange: (tools: string[] | null) => void
  error?: string
}

/** Optional limit of a key to some MCP tools (AI assistants see and call only those). */
export function ToolCheckboxes({ value, onChange, error }: ToolCheckboxesProps) {
  const tools = useMcpToolNames()
  const limited = value !== null
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-medium">MCP tools (AI assistants)</legend>
      <div className="flex items-start gap-3">
        <Checkbox
          id="tools-limited"
          checked={limited}
          onCheckedChange={(checked) => onChange(checked === true ? [] : null)}
          aria-describedby="tools-limited-description"
        />
        <div className="grid gap-1">
          <Label htmlFor="tools-limited">Limit to some tools</Label>
          <p id="tools-limited-description" className="text-xs text-muted-foreground">
            Off: the key may use every MCP tool its scopes allow.
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
                  id={`tool-${tool.name}`}
                  checked={value.includes(tool.name)}
                  onCheckedChange={(checked) =>
                    onChange(
                      checked === true ? [...value, tool.name] : value.filter((name) => name !== tool.name),
                    )
                  }
                />
                <Label htmlFor={`tool-${tool.name}`} className="font-mono text-xs" title={tool.title}>
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
