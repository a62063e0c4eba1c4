import { ContactRoundIcon, DownloadIcon, MessagesSquareIcon, PlusIcon, SearchIcon } from 'lucide-react'
import { useEffect, useState, type ReactNode } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { Contact } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { useCanManageOrganization } from '@/lib/auth'
import {
  contactTitle,
  downloadContactsCsv,
  useContact,
  useContacts,
  useDeleteContact,
  type ContactSearch,
} from '../api/contacts'
import { ContactDialog } from './contact-dialog'

const SEARCH_DELAY_MS = 300

function useDebounced(value: string) {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [value])
  return debounced
}

/** The dialog for `?id=…` (the inbox links here): loads that contact and edits it. */
function LinkedContactDialog({
  id,
  onClose,
  extras,
}: {
  id: string
  onClose: () => void
  extras?: (contactId: string) => ReactNode
}) {
  const contact = useContact(id)
  if (contact.isError) return <ProblemAlert error={contact.error} />
  return (
    <ContactDialog
      open={contact.data !== undefined}
      contact={contact.data}
      extras={extras}
      onOpenChange={(open) => !open && onClose()}
    />
  )
}

interface ContactsDirectoryProps {
  /** More about a contact from other features (e.g. their plan and usage), shown on the contact's dialog. */
  contactExtras?: (contactId: string) => ReactNode
}

export function ContactsDirectory({ contactExtras }: ContactsDirectoryProps = {}) {
  const [params, setParams] = useSearchParams()
  const [page, setPage] = useState(0)
  const [q, setQ] = useState('')
  const [tag, setTag] = useState('')
  const [creating, setCreating] = useState(false)
  const [exportError, setExportError] = useState<unknown>(null)
  const [editing, setEditing] = useState<Contact | undefined>()
  const [erased, setErased] = useState<string | undefined>()
  const canManage = useCanManageOrganization()
  const remove = useDeleteContact()
  const debouncedQ = useDebounced(q.trim())
  const debouncedTag = useDebounced(tag.trim())
  const search: ContactSearch = { ...(debouncedQ && { q: debouncedQ }), ...(debouncedTag && { tag: debouncedTag }) }
  const contacts = useContacts(page, search)
  const linkedId = params.get('id')
  const filtered = debouncedQ !== '' || debouncedTag !== ''

  const columns: Column<Contact>[] = [
    {
      header: 'Name',
      cell: (contact) => (
        <button type="button" className="text-left font-medium hover:underline" onClick={() => setEditing(contact)}>
          {contactTitle(contact)}
        </button>
      ),
    },
    { header: 'Phone', cell: (contact) => contact.phone ?? '—' },
    { header: 'Email', cell: (contact) => contact.email ?? '—' },
    {
      header: 'Tags',
      cell: (contact) => (
        <span className="flex flex-wrap gap-1">
          {contact.tags.map((name) => (
            <Badge key={name} variant="secondary">
              {name}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      header: 'Messaging',
      cell: (contact) =>
        contact.optedOut ? <Badge variant="destructive">Opted out</Badge> : <Badge variant="outline">{contact.consent}</Badge>,
    },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (contact) => (
        <span className="flex justify-end gap-2">
          <Button variant="outline" size="sm" asChild>
            <Link to={`/inbox?status=all&contactId=${contact.id}`} aria-label={`Conversations with ${contactTitle(contact)}`}>
              <MessagesSquareIcon aria-hidden />
              Conversations
            </Link>
          </Button>
          <Button variant="outline" size="sm" aria-label={`Edit ${contactTitle(contact)}`} onClick={() => setEditing(contact)}>
            Edit
          </Button>
          {canManage && (
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" aria-label={`Delete ${contactTitle(contact)}`}>
                  Delete
                </Button>
              }
              title="Delete contact?"
              description={`${contactTitle(contact)} and all their conversations are deleted. This cannot be undone.`}
              confirmLabel="Delete"
              onConfirm={() => remove.mutateAsync(contact.id)}
            />
          )}
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-4">
      {erased && (
        <p role="status" className="rounded-md border bg-muted/50 p-3 text-sm" data-testid="erasure-result">
          Contact erased: {erased}. The audit log keeps these counts only.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-60 flex-1">
          <SearchIcon aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label="Search contacts"
            placeholder="Search by name, phone or email…"
            className="pl-8"
            value={q}
            onChange={(event) => {
              setQ(event.target.value)
              setPage(0)
            }}
          />
        </div>
        <Input
          aria-label="Tag"
          placeholder="Tag"
          className="w-40"
          value={tag}
          onChange={(event) => {
            setTag(event.target.value)
            setPage(0)
          }}
        />
        <Button
          variant="outline"
          title={tag ? `Contacts tagged ${tag}, as CSV` : 'Every contact, as CSV (re-importable)'}
          onClick={() => {
            setExportError(null)
            downloadContactsCsv(tag.trim() || undefined).catch(setExportError)
          }}
        >
          <DownloadIcon aria-hidden />
          Export CSV
        </Button>
        <Button onClick={() => setCreating(true)}>
          <PlusIcon aria-hidden />
          New contact
        </Button>
      </div>
      <ProblemAlert error={exportError} />
      <PagedTable
        query={contacts}
        columns={columns}
        rowKey={(contact) => contact.id}
        label="Contacts"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={ContactRoundIcon}
            title={filtered ? 'No contact matches' : 'No contacts yet'}
            description={
              filtered
                ? 'Try another name, number or tag.'
                : 'Contacts are created when customers write to you; you can also add them yourself.'
            }
            action={
              !filtered && (
                <Button variant="outline" onClick={() => setCreating(true)}>
                  Add a contact
                </Button>
              )
            }
          />
        }
      />
      <ContactDialog open={creating} onOpenChange={setCreating} />
      <ContactDialog
        open={editing !== undefined}
        contact={editing}
        extras={contactExtras}
        onOpenChange={(open) => !open && setEditing(undefined)}
        onErased={(summary) => setErased(summary)}
      />
      {linkedId && (
        <LinkedContactDialog
          id={linkedId}
          extras={contactExtras}
          onClose={() =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current)
                next.delete('id')
                return next
              },
              { replace: true },
            )
          }
        />
      )}
    </div>
  )
}
