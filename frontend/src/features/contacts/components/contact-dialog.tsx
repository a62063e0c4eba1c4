import { useState, type ReactNode } from 'react'
import type { Contact } from '@/api/types'
import { InputField, SelectField, TextareaField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Checkbox } from '@/components/ui/checkbox'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Label } from '@/components/ui/label'
import { useCanManageOrganization } from '@/lib/auth'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { contactInput, contactTitle, useSaveContact } from '../api/contacts'
import { ContactPrivacy } from './contact-privacy'
import { ContactMessage } from './contact-message'
import { ContactTimeline } from './contact-timeline'

const FIELDS = ['name', 'phone', 'email', 'countryCode', 'tags', 'optedOut', 'consent', 'notes']

function ContactForm({ contact, onSaved }: { contact?: Contact; onSaved: () => void }) {
  const save = useSaveContact()
  const [optedOut, setOptedOut] = useState(contact?.optedOut ?? false)
  const errors = fieldErrors(save.error)
  const tagError = errors.tags ?? Object.entries(errors).find(([field]) => field.startsWith('tags['))?.[1]
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) =>
        save.mutate(
          { id: contact?.id, input: contactInput(readForm(event), optedOut, contact !== undefined) },
          { onSuccess: onSaved },
        )
      }
    >
      <ProblemAlert error={save.error} fields={FIELDS} />
      <InputField label="Name" name="name" maxLength={200} defaultValue={contact?.name ?? ''} autoFocus error={errors.name} />
      <div className="grid grid-cols-[1fr_7rem] gap-3">
        <InputField
          label="Phone"
          name="phone"
          type="tel"
          maxLength={40}
          defaultValue={contact?.phone ?? ''}
          placeholder="+14155550123"
          hint="E.164, or national format with the country code."
          error={errors.phone}
        />
        <InputField
          label="Country code"
          name="countryCode"
          maxLength={2}
          defaultValue={contact?.countryCode ?? ''}
          placeholder="IN"
          error={errors.countryCode}
        />
      </div>
      <InputField label="Email" name="email" type="email" maxLength={254} defaultValue={contact?.email ?? ''} error={errors.email} />
      <InputField
        label="Tags"
        name="tags"
        defaultValue={contact?.tags.join(', ') ?? ''}
        placeholder="vip, lead"
        hint="Separate tags with commas."
        error={tagError}
      />
      <SelectField label="Consent" name="consent" defaultValue={contact?.consent ?? 'unknown'} error={errors.consent}>
        <option value="unknown">Unknown</option>
        <option value="granted">Granted</option>
        <option value="revoked">Revoked</option>
      </SelectField>
      <div className="flex items-center gap-2">
        <Checkbox id="contact-opted-out" checked={optedOut} onCheckedChange={(checked) => setOptedOut(checked === true)} />
        <Label htmlFor="contact-opted-out">Opted out of messages</Label>
      </div>
      <TextareaField label="Notes" name="notes" maxLength={5000} defaultValue={contact?.notes ?? ''} error={errors.notes} />
      <DialogFooter>
        <SubmitButton pending={save.isPending}>{contact ? 'Save contact' : 'Create contact'}</SubmitButton>
      </DialogFooter>
    </form>
  )
}

interface ContactDialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Set to edit; absent to create. */
  contact?: Contact
  /** More about an existing contact from other features (e.g. their plan), shown above the form. */
  extras?: (contactId: string) => ReactNode
  /** Called after a GDPR erasure with a summary of what went. */
  onErased?: (summary: string) => void
}

export function ContactDialog({ open, onOpenChange, contact, extras, onErased }: ContactDialogProps) {
  const canManage = useCanManageOrganization()
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90svh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{contact ? `Edit ${contactTitle(contact)}` : 'New contact'}</DialogTitle>
          <DialogDescription>
            {contact ? 'Change what you know about this person.' : 'Add a person you talk to; phone numbers are stored in E.164.'}
          </DialogDescription>
        </DialogHeader>
        {open && contact && extras?.(contact.id)}
        {open && contact && <ContactMessage contactId={contact.id} />}
        {open && contact && <ContactTimeline contactId={contact.id} />}
        {open && <ContactForm key={contact?.id ?? 'new'} contact={contact} onSaved={() => onOpenChange(false)} />}
        {open && contact && canManage && (
          <ContactPrivacy
            contact={contact}
            onErased={(summary) => {
              onOpenChange(false)
              onErased?.(summary)
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}
