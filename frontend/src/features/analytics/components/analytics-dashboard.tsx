import { ChartColumnIcon, DownloadIcon } from 'lucide-react'
import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { components } from '@/api/schema'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { NativeSelect } from '@/components/ui/native-select'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import {
  downloadCsv,
  formatDuration,
  formatPercent,
  useAnalytics,
  useChannelsForFilter,
} from '../api/analytics'

type Overview = components['schemas']['Overview']
type Count = components['schemas']['Count']

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="rounded-lg border p-3" data-testid={testId}>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold">{value}</dd>
      {hint && <dd className="text-xs text-muted-foreground">{hint}</dd>}
    </div>
  )
}

function CountTable({ title, rows, empty, testId }: { title: string; rows: Count[]; empty: string; testId: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <Table data-testid={testId}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="text-right">Count</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.name}>
                  <TableCell>{row.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{row.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  )
}

function AiUseTable({ rows }: { rows: Overview['ai'] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">AI providers</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No calls to AI providers in this period (offline answers cost nothing and are not counted).
          </p>
        ) : (
          <Table data-testid="ai-use">
            <TableHeader>
              <TableRow>
                <TableHead>Provider</TableHead>
                <TableHead>Model</TableHead>
                <TableHead className="text-right">Calls</TableHead>
                <TableHead className="text-right">Failed</TableHead>
                <TableHead className="text-right">Tokens in / out</TableHead>
                <TableHead className="text-right">Cost</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={`${row.provider}/${row.model}`}>
                  <TableCell>{row.provider}</TableCell>
                  <TableCell>{row.model}</TableCell>
                  <TableCell className="text-right tabular-nums">{row.calls}</TableCell>
                  <TableCell className="text-right tabular-nums">{row.failed}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {row.inputTokens.toLocaleString()} / {row.outputTokens.toLocaleString()}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">${(row.costMicros / 1_000_000).toFixed(4)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  )
}

function Charts({ data }: { data: Overview }) {
  const series = data.days.map((day) => ({ ...day, label: day.day.slice(5) }))
  const funnel = [
    { stage: 'Recipients', count: data.campaigns.recipients },
    { stage: 'Sent', count: data.campaigns.sent },
    { stage: 'Delivered', count: data.campaigns.delivered },
    { stage: 'Read', count: data.campaigns.read },
    { stage: 'Replied', count: data.campaigns.replied },
  ]
  const t = data.totals
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="analytics-kpis">
        <Kpi testId="kpi-conversations" label="Conversations" value={t.conversations.toLocaleString()} hint={`${t.resolved} resolved`} />
        <Kpi
          testId="kpi-containment"
          label="Bot containment"
          value={formatPercent(t.containedRate)}
          hint={`${t.contained} of ${t.answeredByBot} answered by the bot, no person needed`}
        />
        <Kpi
          testId="kpi-first-response"
          label="First response (median)"
          value={formatDuration(t.medianFirstResponseSeconds)}
          hint={`bot ${formatDuration(t.medianBotFirstResponseSeconds)} · people ${formatDuration(t.medianHumanFirstResponseSeconds)}`}
        />
        <Kpi testId="kpi-handoffs" label="Handed to people" value={t.handedOff.toLocaleString()} />
        <Kpi testId="kpi-inbound" label="Messages received" value={t.inboundMessages.toLocaleString()} />
        <Kpi testId="kpi-bot-replies" label="Bot replies" value={t.botReplies.toLocaleString()} />
        <Kpi testId="kpi-human-replies" label="Replies by people" value={t.humanReplies.toLocaleString()} />
        <Kpi
          testId="kpi-calls"
          label="Calls"
          value={data.calls.calls.toLocaleString()}
          hint={`${data.calls.completed} completed · ${data.calls.minutes} min`}
        />
      </dl>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Messages per day</CardTitle>
        </CardHeader>
        <CardContent>
          <div className="h-72 w-full" role="img" aria-label="Messages per day: received, bot replies and replies by people">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={12} />
                <YAxis fontSize={12} allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Line type="monotone" dataKey="inbound" name="Received" stroke="var(--chart-1, #2563eb)" dot={false} />
                <Line type="monotone" dataKey="botReplies" name="Bot replies" stroke="var(--chart-2, #16a34a)" dot={false} />
                <Line type="monotone" dataKey="humanReplies" name="People" stroke="var(--chart-3, #d97706)" dot={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">New conversations per day</CardTitle>
          </CardHeader>
          <CardContent>
            <div className="h-56 w-full" role="img" aria-label="New conversations per day">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" fontSize={12} />
                  <YAxis fontSize={12} allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="conversations" name="Conversations" fill="var(--chart-1, #2563eb)" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Campaign funnel</CardTitle>
          </CardHeader>
          <CardContent>
            {data.campaigns.recipients === 0 ? (
              <p className="text-sm text-muted-foreground">No campaign started in this period.</p>
            ) : (
              <div className="grid gap-2">
                <div className="h-48 w-full" role="img" aria-label="Campaign funnel">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={funnel} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 16 }}>
                      <XAxis type="number" fontSize={12} allowDecimals={false} />
                      <YAxis type="category" dataKey="stage" fontSize={12} width={80} />
                      <Tooltip />
                      <Bar dataKey="count" name="Recipients" fill="var(--chart-2, #16a34a)" />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <p className="text-xs text-muted-foreground" data-testid="campaign-funnel-extra">
                  {data.campaigns.failed} failed · {data.campaigns.optedOut} opted out
                </p>
              </div>
            )}
          </CardContent>
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <CountTable title="Handoff reasons" rows={data.handoffReasons} empty="No handoffs in this period." testId="handoff-reasons" />
        <CountTable title="Top intents" rows={data.topIntents} empty="No intents recognised in this period." testId="top-intents" />
        <CountTable title="Call outcomes" rows={data.calls.outcomes} empty="No analysed calls in this period." testId="call-outcomes" />
      </div>
      <AiUseTable rows={data.ai} />
    </div>
  )
}

/** Figures over the last N days (in the browser's time zone), optionally for one channel. */
export function AnalyticsDashboard() {
  const [days, setDays] = useState(30)
  const [channelId, setChannelId] = useState('')
  const [exportError, setExportError] = useState<unknown>(null)
  const channels = useChannelsForFilter()
  const overview = useAnalytics({ days, channelId: channelId || undefined })

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <label className="grid gap-1 text-sm">
          Period
          <NativeSelect className="w-44" value={String(days)} onChange={(event) => setDays(Number(event.target.value))}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
            <option value="365">Last 12 months</option>
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm">
          Channel
          <NativeSelect className="w-56" value={channelId} onChange={(event) => setChannelId(event.target.value)}>
            <option value="">All channels</option>
            {(channels.data ?? []).map((channel) => (
              <option key={channel.id} value={channel.id}>
                {channel.name}
              </option>
            ))}
          </NativeSelect>
        </label>
        {overview.isFetching && <span className="text-xs text-muted-foreground" aria-live="polite">Updating…</span>}
        <div className="ml-auto flex gap-2">
          {(['conversations', 'messages'] as const).map((what) => (
            <Button
              key={what}
              variant="outline"
              size="sm"
              title={`The ${what} of this period and channel, as CSV`}
              onClick={() => {
                setExportError(null)
                downloadCsv(what, { days, channelId: channelId || undefined }).catch(setExportError)
              }}
            >
              <DownloadIcon aria-hidden />
              {what === 'conversations' ? 'Conversations CSV' : 'Messages CSV'}
            </Button>
          ))}
        </div>
      </div>
      <ProblemAlert error={exportError} />
      <QueryState query={overview}>
        {(data) =>
          data.totals.conversations === 0 && data.totals.inboundMessages === 0 && data.calls.calls === 0 && data.campaigns.recipients === 0 ? (
            <EmptyState
              icon={ChartColumnIcon}
              title="Nothing happened in this period"
              description="Conversations, replies, campaigns and calls show up here as soon as there are some."
            />
          ) : (
            <Charts data={data} />
          )
        }
      </QueryState>
    </div>
  )
}
