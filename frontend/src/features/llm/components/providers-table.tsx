import { BotIcon, CircleCheckIcon } from 'lucide-react'
import type { LlmProvider, ProviderTestResult } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { DataTable, type Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { useCanManageOrganization } from '@/lib/auth'
import { useState, type ReactNode } from 'react'
import { useDeleteLlmProvider, useLlmProviders, useTestLlmProvider, useUpdateLlmProvider } from '../api/llm'
import { ProviderDialog } from './provider-dialog'

const CIRCUIT: Record<string, { label: string; variant: 'secondary' | 'warning' | 'destructive' }> = {
  closed: { label: 'Healthy', variant: 'secondary' },
  half_open: { label: 'Recovering', variant: 'warning' },
  open: { label: 'Cooling down', variant: 'destructive' },
}

interface Tested {
  provider: LlmProvider
  result: ProviderTestResult
}

export function ProvidersTable({ emptyAction }: { emptyAction?: ReactNode }) {
  const providers = useLlmProviders()
  const update = useUpdateLlmProvider()
  const remove = useDeleteLlmProvider()
  const test = useTestLlmProvider()
  const canManage = useCanManageOrganization()
  const [tested, setTested] = useState<Tested | null>(null)
  const [testing, setTesting] = useState<string | null>(null)

  const runTest = (provider: LlmProvider) => {
    setTested(null)
    setTesting(provider.id)
    test.mutate(provider.id, {
      onSuccess: (result) => setTested({ provider, result }),
      onSettled: () => setTesting(null),
    })
  }

  const columns: Column<LlmProvider>[] = [
    {
      header: 'Name',
      cell: (provider) => (
        <span className="grid gap-0.5">
          <span className="font-medium">{provider.name}</span>
          {provider.source === 'environment' && <span className="text-xs text-muted-foreground">From the server's environment</span>}
        </span>
      ),
    },
    { header: 'Type', cell: (provider) => provider.type },
    { header: 'Model', cell: (provider) => <code className="font-mono text-xs">{provider.model}</code> },
    {
      header: 'Base URL',
      cell: (provider) => (
        <code className="block max-w-64 truncate font-mono text-xs" title={provider.effectiveBaseUrl}>
          {provider.effectiveBaseUrl}
        </code>
      ),
    },
    {
      header: 'API key',
      cell: (provider) =>
        provider.hasApiKey ? (
          <Badge variant="secondary" data-testid="key-set">
            Key set
          </Badge>
        ) : (
          <Badge variant="outline">No key</Badge>
        ),
    },
    {
      header: 'Status',
      cell: (provider) => {
        if (!provider.enabled) return <Badge variant="outline">Disabled</Badge>
        const circuit = CIRCUIT[provider.circuitState] ?? CIRCUIT.closed
        return <Badge variant={circuit.variant}>{circuit.label}</Badge>
      },
    },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (provider) => (
        <span className="flex flex-wrap justify-end gap-2">
          {canManage && (
            <Button
              variant="outline"
              size="sm"
              aria-label={`Test ${provider.name}`}
              disabled={testing !== null}
              onClick={() => runTest(provider)}
            >
              {testing === provider.id && <Spinner aria-hidden />}
              Test
            </Button>
          )}
          {canManage && provider.source === 'organization' && (
            <>
              <ProviderDialog provider={provider} />
              <Button
                variant="outline"
                size="sm"
                aria-label={`${provider.enabled ? 'Disable' : 'Enable'} ${provider.name}`}
                disabled={update.isPending}
                onClick={() => update.mutate({ id: provider.id, enabled: !provider.enabled })}
              >
                {provider.enabled ? 'Disable' : 'Enable'}
              </Button>
              <ConfirmDialog
                trigger={
                  <Button variant="outline" size="sm" aria-label={`Delete ${provider.name}`}>
                    Delete
                  </Button>
                }
                title="Delete provider?"
                description={`Agents that use “${provider.name}” skip it from now on. Its usage history stays.`}
                confirmLabel="Delete"
                onConfirm={() => remove.mutateAsync(provider.id)}
              />
            </>
          )}
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-3">
      <ProblemAlert error={update.error} />
      <ProblemAlert error={test.error} />
      {tested && (
        <Alert data-testid="provider-test-result">
          <CircleCheckIcon aria-hidden />
          <AlertTitle>
            {tested.provider.name} answered in {tested.result.latencyMs} ms
          </AlertTitle>
          <AlertDescription>
            <p>
              Model {tested.result.model} replied “{tested.result.reply}” ({tested.result.inputTokens} +{' '}
              {tested.result.outputTokens} tokens).
            </p>
          </AlertDescription>
        </Alert>
      )}
      <QueryState query={providers}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState
              icon={BotIcon}
              title="No AI providers yet"
              description="Add OpenAI, Anthropic, Gemini, Ollama or any OpenAI-compatible server. Until then agents answer in offline mode."
              action={emptyAction}
            />
          ) : (
            <DataTable columns={columns} rows={rows} rowKey={(provider) => provider.id} label="AI providers" />
          )
        }
      </QueryState>
    </div>
  )
}
