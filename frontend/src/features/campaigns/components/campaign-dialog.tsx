import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { Campaign, CampaignCsvReport } from '@/api/types'
import { InputField, SelectField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { fieldErrors } from '@/lib/problem'
import {
  csvHeader,
  useCampaignAudience,
  useCreateCampaign,
  useScheduleCampaign,
  useTemplates,
  useUploadAudience,
} from '../api/campaigns'

const FIELDS = ['name', 'templateId', 'ratePerSecond', 'file']

/** Step 1: name, template, CSV audience and variables; the draft is created and the file uploaded. */
function CampaignForm({ onCreated }: { onCreated: (campaign: Campaign, report: CampaignCsvReport) => void }) {
  const templates = useTemplates(0, 100)
  const create = useCreateCampaign()
  const upload = useUploadAudience()
  const [templateId, setTemplateId] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [columns, setColumns] = useState<string[]>([])
  const [sources, setSources] = useState<Record<string, string>>({})
  const usable = (templates.data?.items ?? []).filter((t) => t.usable)
  const template = usable.find((t) => t.id === templateId) ?? usable[0]
  const errors = fieldErrors(create.error ?? upload.error)
  const options = [
    { value: 'contact.name', label: 'Contact name' },
    { value: 'contact.phone', label: 'Contact phone' },
    ...columns.map((c) => ({ value: `column.${c}`, label: `CSV column “${c}”` })),
  ]
  return (
    <form
      className="grid gap-4"
      onSubmit={async (event) => {
        event.preventDefault()
        if (!template || !file) return
        const form = new FormData(event.currentTarget)
        const rate = String(form.get('ratePerSecond') ?? '')
        const variableSources = Object.fromEntries(
          template.variables.map((v) => [v.name, sources[v.name] ?? options[0].value]),
        )
        try {
          const campaign = await create.mutateAsync({
            name: String(form.get('name') ?? ''),
            templateId: template.id,
            audienceType: 'csv',
            variableSources,
            ratePerSecond: rate ? Number(rate) : undefined,
          })
          const report = await upload.mutateAsync({ id: campaign.id, file })
          onCreated(campaign, report)
        } catch {
          // shown by the problem alert above the form
        }
      }}
    >
      <ProblemAlert error={create.error ?? upload.error} fields={FIELDS} />
      <InputField label="Name" name="name" required placeholder="November promotion" error={errors.name} />
      <SelectField
        label="Template"
        name="templateId"
        required
        value={template?.id ?? ''}
        onChange={(e) => setTemplateId(e.target.value)}
        hint={usable.length === 0 ? 'No usable template yet: create one (WhatsApp ones must be approved).' : undefined}
        error={errors.templateId}
      >
        {usable.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.channelType}, {t.language})
          </option>
        ))}
      </SelectField>
      <InputField
        label="Audience (CSV)"
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        hint="A header row with phone; name and country_code are optional; other columns can fill variables."
        error={errors.file}
        onChange={async (e) => {
          const chosen = e.target.files?.[0] ?? null
          setFile(chosen)
          if (chosen) setColumns(csvHeader((await chosen.slice(0, 4096).text()).split(/\r?\n/)[0] ?? ''))
        }}
      />
      {template?.variables.map((v) => (
        <SelectField
          key={v.name}
          label={`{{${v.name}}} comes from`}
          name={`source-${v.name}`}
          value={sources[v.name] ?? options[0].value}
          onChange={(e) => setSources({ ...sources, [v.name]: e.target.value })}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      ))}
      <InputField
        label="Messages per second (optional)"
        name="ratePerSecond"
        type="number"
        step="0.1"
        min="0.1"
        hint="Default: 80 % of the channel's cap, leaving room for replies."
        error={errors.ratePerSecond}
      />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pending={create.isPending || upload.isPending}>Upload audience</SubmitButton>
      </DialogFooter>
    </form>
  )
}

/** Step 2: what the upload found, then start now or at a local time. */
function ScheduleStep({ campaign, report, onDone }: { campaign: Campaign; report: CampaignCsvReport; onDone: () => void }) {
  const schedule = useScheduleCampaign()
  const audience = useCampaignAudience(campaign.id)
  const [sendAt, setSendAt] = useState('')
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return (
    <div className="grid gap-4">
      <ProblemAlert error={schedule.error} fields={['sendAt', 'timeZone']} />
      <p className="text-sm" data-testid="csv-report">
        {report.rows} rows read: {report.accepted} contacts, {report.failed} rows with problems.
      </p>
      {audience.data && (
        <p className="text-sm" data-testid="audience-counts">
          {audience.data.eligible} will receive it; left out: {audience.data.optedOut} opted out, {audience.data.noConsent}{' '}
          without consent.
        </p>
      )}
      {report.problems.length > 0 && (
        <ul className="max-h-32 overflow-y-auto rounded-md border p-2 text-xs">
          {report.problems.map((p) => (
            <li key={`${p.line}-${p.field}`}>
              Line {p.line}, {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <InputField
        label={`Send at (optional, ${timeZone})`}
        name="sendAt"
        type="datetime-local"
        value={sendAt}
        onChange={(e) => setSendAt(e.target.value)}
        hint="Empty: start now. Opted-out contacts and those without consent are left out and counted."
      />
      <DialogFooter>
        <Button variant="outline" onClick={onDone}>
          Keep as draft
        </Button>
        <Button
          disabled={schedule.isPending || report.accepted === 0}
          onClick={() =>
            schedule.mutate({ id: campaign.id, body: { sendAt: sendAt || undefined, timeZone } }, { onSuccess: onDone })
          }
        >
          {sendAt ? 'Schedule' : 'Start now'}
        </Button>
      </DialogFooter>
    </div>
  )
}

export function CampaignDialog() {
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<{ campaign: Campaign; report: CampaignCsvReport } | null>(null)
  const close = () => {
    setOpen(false)
    setCreated(null)
  }
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : close())}
      className="max-h-[90vh] overflow-y-auto"
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          New campaign
        </Button>
      }
      title={created ? `Start “${created.campaign.name}”` : 'New campaign from a CSV'}
      description="One message per contact, paced below the channel's limit; a contact never gets it twice."
    >
      {open &&
        (created ? (
          <ScheduleStep campaign={created.campaign} report={created.report} onDone={close} />
        ) : (
          <CampaignForm onCreated={(campaign, report) => setCreated({ campaign, report })} />
        ))}
    </FormDialog>
  )
}
