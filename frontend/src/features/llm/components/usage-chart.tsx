import { ChartColumnIcon } from 'lucide-react'
import { useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { EmptyState } from '@/components/empty-state'
import { QueryState } from '@/components/query-state'
import { NativeSelect } from '@/components/ui/native-select'
import { useLlmUsage } from '../api/llm'
import { dailySeries, formatMicros } from '../api/usage'

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10)
}

function range(days: number) {
  const to = new Date()
  const from = new Date(to)
  from.setUTCDate(from.getUTCDate() - (days - 1))
  return { from: isoDay(from), to: isoDay(to) }
}

export function UsageChart() {
  const [days, setDays] = useState(30)
  const { from, to } = range(days)
  const usage = useLlmUsage(from, to)

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm">
          Period
          <NativeSelect className="w-40" value={String(days)} onChange={(event) => setDays(Number(event.target.value))}>
            <option value="7">Last 7 days</option>
            <option value="30">Last 30 days</option>
            <option value="90">Last 90 days</option>
          </NativeSelect>
        </label>
      </div>
      <QueryState query={usage}>
        {(data) => {
          if (data.totals.calls === 0) {
            return (
              <EmptyState
                icon={ChartColumnIcon}
                title="No provider calls in this period"
                description="Calls to AI providers and their cost appear here. Offline answers cost nothing and are not counted."
              />
            )
          }
          const series = dailySeries(data.rows, data.from, data.to)
          return (
            <div className="grid gap-4">
              <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4" data-testid="usage-totals">
                <div>
                  <dt className="text-muted-foreground">Calls</dt>
                  <dd className="text-lg font-semibold">{data.totals.calls}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Failed calls</dt>
                  <dd className="text-lg font-semibold">{data.totals.failedCalls}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Tokens (in / out)</dt>
                  <dd className="text-lg font-semibold">
                    {data.totals.inputTokens.toLocaleString()} / {data.totals.outputTokens.toLocaleString()}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Cost</dt>
                  <dd className="text-lg font-semibold">{formatMicros(data.totals.costMicros)}</dd>
                </div>
              </dl>
              <div className="h-72 w-full" role="img" aria-label="Tokens and cost per day">
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} fontSize={12} />
                    <YAxis yAxisId="tokens" fontSize={12} allowDecimals={false} />
                    <YAxis yAxisId="cost" orientation="right" fontSize={12} tickFormatter={(value: number) => `$${value}`} />
                    <Tooltip />
                    <Legend />
                    <Bar yAxisId="tokens" dataKey="inputTokens" name="Input tokens" stackId="tokens" fill="var(--color-primary)" />
                    <Bar yAxisId="tokens" dataKey="outputTokens" name="Output tokens" stackId="tokens" fill="var(--color-muted-foreground)" />
                    <Line yAxisId="cost" dataKey="cost" name="Cost ($)" type="monotone" stroke="var(--color-destructive)" dot={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </div>
          )
        }}
      </QueryState>
    </div>
  )
}
