import { DownloadIcon, ShieldAlertIcon } from 'lucide-react'
import { useState } from 'react'
import type { Contact } from '@/api/types'
import { ProblemAlert } from '@/components/problem-alert'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Spinner } from '@/components/ui/spinner'
import { contactTitle, erasureSummary, useEraseContact, useExportContact } from '../api/contacts'

/** What the admin types to confirm an erasure: deliberate, and the same for unnamed contacts. */
export const ERASE_CONFIRMATION = 'ERASE'

/** Erase with a typed confirmation: nothing of the person is left afterwards. */
function EraseContactDialog({ contact, onErased }: { contact: Contact; onErased: (summary: string) => void }) {
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const erase = useEraseContact()
  const changeOpen = (next: boolean) => {
    if (erase.isPending) return
    setOpen(next)
    setTyped('')
    erase.reset()
  }
  return (
    <AlertDialog open={open} onOpenChange={changeOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" size="sm">
          <ShieldAlertIcon aria-hidden />
          Erase personal data
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Erase {contactTitle(contact)}?</AlertDialogTitle>
          <AlertDialogDescription>
            Their messages, files, search entries and the contact itself are erased everywhere (GDPR right to erasure).
            The audit log keeps only counts. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="erase-confirmation">
            Type <code className="font-mono">{ERASE_CONFIRMATION}</code> to confirm
          </Label>
          <Input
            id="erase-confirmation"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <ProblemAlert error={erase.error} />
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="outline" disabled={erase.isPending}>
              Cancel
            </Button>
          </AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={typed.trim() !== ERASE_CONFIRMATION || erase.isPending}
            onClick={() =>
              erase.mutate(contact.id, {
                onSuccess: (report) => {
                  setOpen(false)
                  onErased(erasureSummary(report))
                },
              })
            }
          >
            {erase.isPending && <Spinner aria-hidden />}
            Erase everything
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}

/** The contact's GDPR actions (admins): download everything held on them, or erase it. */
export function ContactPrivacy({ contact, onErased }: { contact: Contact; onErased: (summary: string) => void }) {
  const exportContact = useExportContact()
  return (
    <section className="grid gap-2 border-t pt-4" aria-label="Privacy">
      <h3 className="text-sm font-medium">Privacy (GDPR)</h3>
      <p className="text-xs text-muted-foreground">
        The export is a ZIP with their record, conversations, files and audit entries as JSON.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={exportContact.isPending}
          onClick={() => exportContact.mutate(contact.id)}
        >
          {exportContact.isPending ? <Spinner aria-hidden /> : <DownloadIcon aria-hidden />}
          Export data
        </Button>
        <EraseContactDialog contact={contact} onErased={onErased} />
      </div>
      <ProblemAlert error={exportContact.error} />
    </section>
  )
}
