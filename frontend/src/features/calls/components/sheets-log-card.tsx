import { SheetIcon } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { InputField, TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { useDeleteSheetsLog, useSaveSheetsLog, useSendTestRow, useSheetsLog } from '../api/sheets-log'

const MODE_LABEL: Record<string, string> = {
  off: 'Off',
  disabled: 'Paused',
  configured: 'Configured',
  error: 'Last export failed',
}

/**
 * The Google Sheets call log: every finished call is appended to the organisation's sheet in batches.
 * The service-account key is write-only: the form never shows it back, only its e-mail.
 */
export function SheetsLogCard() {
  const status = useSheetsLog()
  const save = useSaveSheetsLog()
  const testRow = useSendTestRow()
  const remove = useDeleteSheetsLog()
  const [spreadsheetId, setSpreadsheetId] = useState<string | undefined>()
  const [sheetName, setSheetName] = useState<string | undefined>()
  const [key, setKey] = useState('')

  if (status.isPending) return <Skeleton className="h-40 w-full" />
  if (status.isError) return <ProblemAlert error={status.error} />
  const log = status.data
  const sheetId = spreadsheetId ?? log.spreadsheetId ?? ''
  const tab = sheetName ?? log.sheetName ?? 'Calls'

  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate(
      { spreadsheetId: sheetId, sheetName: tab, enabled: true, serviceAccountKey: key || undefined },
      { onSuccess: () => setKey('') },
    )
  }

  return (
    <Card data-testid="sheets-log">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <SheetIcon aria-hidden className="size-4" /> Google Sheets call log
          <Badge data-testid="sheets-log-mode" variant={log.mode === 'error' ? 'destructive' : 'secondary'}>
            {MODE_LABEL[log.mode] ?? log.mode}
          </Badge>
        </CardTitle>
        <CardDescription>
          {log.mode === 'off'
            ? 'The call log is off: calls are not sent to Google Sheets. You can still download every call as CSV.'
            : 'Every finished call (time, contact, number, status, duration, cost, outcome, summary) is appended to your sheet in batches; rows wait and are retried while Google is unreachable.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {log.mode !== 'off' && (
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-muted-foreground">Rows waiting</dt>
              <dd data-testid="sheets-log-pending">{log.pendingRows}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Last export</dt>
              <dd>{log.lastExportAt ? new Date(log.lastExportAt).toLocaleString() : 'never'}</dd>
            </div>
            <div className="col-span-2">
              <dt className="text-muted-foreground">Service account (share the sheet with it as editor)</dt>
              <dd className="break-all">{log.serviceAccountEmail ?? '—'}</dd>
            </div>
            {log.lastError && (
              <div className="col-span-2 sm:col-span-4">
                <dt className="text-muted-foreground">Last error</dt>
                <dd data-testid="sheets-log-error" className="text-destructive break-words">
                  {log.lastError}
                </dd>
              </div>
            )}
          </dl>
        )}
        <form className="space-y-3" onSubmit={submit}>
          <InputField
            label="Spreadsheet id"
            hint="From the sheet's address: docs.google.com/spreadsheets/d/<id>/edit"
            value={sheetId}
            onChange={(e) => setSpreadsheetId(e.target.value)}
            required
          />
          <InputField label="Tab name" value={tab} onChange={(e) => setSheetName(e.target.value)} />
          <TextareaField
            label="Service-account JSON key"
            hint={
              log.credentialsSet
                ? 'A key is stored (never shown again). Paste a new one to replace it, or leave empty to keep it.'
                : 'Paste the JSON key file of a Google Cloud service account.'
            }
            value={key}
            onChange={(e) => setKey(e.target.value)}
            rows={4}
            autoComplete="off"
            spellCheck={false}
          />
          <ProblemAlert error={save.error ?? testRow.error ?? remove.error} />
          {testRow.data && (
            <p data-testid="sheets-log-test-result" className="text-sm">
              {testRow.data.ok ? 'Test row appended.' : `Test row refused: ${testRow.data.error ?? ''}`}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={save.isPending}>
              Save
            </Button>
            {log.mode !== 'off' && (
              <>
                <Button type="button" variant="outline" disabled={testRow.isPending} onClick={() => testRow.mutate()}>
                  Send test row
                </Button>
                <Button type="button" variant="ghost" disabled={remove.isPending} onClick={() => remove.mutate()}>
                  Turn off
                </Button>
              </>
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  )
}
