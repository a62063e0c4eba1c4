import { FileTextIcon, RefreshCwIcon } from 'lucide-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { KnowledgeBase, KnowledgeDocument, KnowledgeSource } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { DataTable } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { QueryState } from '@/components/query-state'
import { Section } from '@/components/section'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useCanManageOrganization } from '@/lib/auth'
import { formatDateTime, formatRelative } from '@/lib/format'
import {
  formatBytes,
  useDeleteDocument,
  useDeleteKnowledgeBase,
  useDeleteSource,
  useDocuments,
  useKnowledgeBase,
  useReindex,
  useResyncSource,
  useSources,
} from '../api/knowledge'
import { AddSourceForm } from './add-source-form'
import { DocumentStatus } from './document-status'
import { TestSearch } from './test-search'
import { UploadArea } from './upload-area'

function ReindexState({ kb }: { kb: KnowledgeBase }) {
  const { status, progress, error, finishedAt } = kb.reindex
  if (status === 'queued' || status === 'running') {
    return <Badge variant="secondary">Rebuilding index {progress}%</Badge>
  }
  if (status === 'failed') return <Badge variant="destructive">Index rebuild failed: {error}</Badge>
  return finishedAt ? (
    <span className="text-xs text-muted-foreground">Index rebuilt {formatRelative(finishedAt)}</span>
  ) : null
}

function Documents({ knowledgeBaseId, canManage }: { knowledgeBaseId: string; canManage: boolean }) {
  const [page, setPage] = useState(0)
  const documents = useDocuments(knowledgeBaseId, page)
  const remove = useDeleteDocument(knowledgeBaseId)
  const columns: Column<KnowledgeDocument>[] = [
    {
      header: 'Document',
      cell: (document) => (
        <span className="grid gap-0.5">
          <span className="font-medium break-all">{document.title}</span>
          {document.sourceUrl && <span className="text-xs break-all text-muted-foreground">{document.sourceUrl}</span>}
        </span>
      ),
    },
    { header: 'Format', cell: (document) => <Badge variant="outline">{document.format}</Badge> },
    { header: 'Size', cell: (document) => formatBytes(document.sizeBytes) },
    { header: 'Status', cell: (document) => <DocumentStatus document={document} /> },
    { header: 'Chunks', cell: (document) => document.chunkCount },
    { header: 'Updated', cell: (document) => formatDateTime(document.updatedAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (document) =>
        canManage && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Delete ${document.title}`}>
                Delete
              </Button>
            }
            title="Delete document?"
            description={`${document.title} and its chunks leave the knowledge base. Agents stop citing it.`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(document.id)}
          />
        ),
    },
  ]
  return (
    <PagedTable
      query={documents}
      columns={columns}
      rowKey={(document) => document.id}
      label="Documents"
      onPageChange={setPage}
      empty={
        <EmptyState
          icon={FileTextIcon}
          title="No documents yet"
          description="Upload files above or add a web page; each is split into chunks and indexed for search."
        />
      }
    />
  )
}

function Sources({ knowledgeBaseId, canManage }: { knowledgeBaseId: string; canManage: boolean }) {
  const sources = useSources(knowledgeBaseId)
  const resync = useResyncSource(knowledgeBaseId)
  const remove = useDeleteSource(knowledgeBaseId)
  const columns: Column<KnowledgeSource>[] = [
    { header: 'URL', cell: (source) => <span className="break-all">{source.url}</span> },
    { header: 'Kind', cell: (source) => source.kind },
    {
      header: 'Status',
      cell: (source) => (
        <span className="grid gap-0.5">
          <Badge variant={source.status === 'failed' ? 'destructive' : source.status === 'synced' ? 'default' : 'secondary'} className="w-fit">
            {source.status}
          </Badge>
          {source.status === 'synced' && (
            <span className="text-xs text-muted-foreground">
              {source.pagesFound} pages, {source.pagesSkipped} skipped
            </span>
          )}
          {source.error && <span className="text-xs text-destructive">{source.error}</span>}
        </span>
      ),
    },
    { header: 'Last sync', cell: (source) => formatDateTime(source.lastSyncedAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (source) =>
        canManage && (
          <span className="flex justify-end gap-2">
            <Button variant="outline" size="sm" onClick={() => resync.mutate(source.id)} aria-label={`Sync ${source.url} again`}>
              <RefreshCwIcon aria-hidden />
              Sync
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" aria-label={`Remove ${source.url}`}>
                  Remove
                </Button>
              }
              title="Remove source?"
              description="The pages it brought are removed from the knowledge base."
              confirmLabel="Remove"
              onConfirm={() => remove.mutateAsync(source.id)}
            />
          </span>
        ),
    },
  ]
  return (
    <QueryState query={sources}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No web sources yet.</p>
        ) : (
          <div className="grid gap-2">
            <ProblemAlert error={resync.error} />
            <DataTable columns={columns} rows={page.items} rowKey={(source) => source.id} label="Web sources" />
          </div>
        )
      }
    </QueryState>
  )
}

export function KnowledgeBaseDetail({ id }: { id: string }) {
  const kb = useKnowledgeBase(id)
  const canManage = useCanManageOrganization()
  const reindex = useReindex(id)
  const remove = useDeleteKnowledgeBase()
  const navigate = useNavigate()
  return (
    <QueryState query={kb}>
      {(knowledgeBase) => (
        <div className="grid gap-6">
          <PageHeader
            title={knowledgeBase.name}
            description={
              <span className="flex flex-wrap items-center gap-2">
                {knowledgeBase.description}
                <span>
                  {knowledgeBase.readyCount} of {knowledgeBase.documentCount} documents ready · {knowledgeBase.chunkCount} chunks
                </span>
                <ReindexState kb={knowledgeBase} />
              </span>
            }
            actions={
              canManage && (
                <>
                  <Button variant="outline" onClick={() => reindex.mutate()} disabled={reindex.isPending}>
                    <RefreshCwIcon aria-hidden />
                    Rebuild index
                  </Button>
                  <ConfirmDialog
                    trigger={<Button variant="outline">Delete</Button>}
                    title="Delete knowledge base?"
                    description={`${knowledgeBase.name}, its documents and sources are deleted. This cannot be undone.`}
                    confirmLabel="Delete"
                    onConfirm={() => remove.mutateAsync(id).then(() => navigate('/knowledge'))}
                  />
                </>
              )
            }
          />
          <ProblemAlert error={reindex.error ?? remove.error} />
          <Section title="Test search" description="What an agent finds for a question: the best chunks, their scores and where they come from.">
            <TestSearch knowledgeBaseId={id} />
          </Section>
          {canManage && (
            <div className="grid gap-6 lg:grid-cols-2">
              <Section title="Upload documents">
                <UploadArea knowledgeBaseId={id} />
              </Section>
              <Section title="Add a web source" description="A page, or a sitemap whose pages are all fetched. robots.txt is honoured.">
                <AddSourceForm knowledgeBaseId={id} />
              </Section>
            </div>
          )}
          <Section title="Documents">
            <Documents knowledgeBaseId={id} canManage={canManage} />
          </Section>
          <Section title="Web sources">
            <Sources knowledgeBaseId={id} canManage={canManage} />
          </Section>
        </div>
      )}
    </QueryState>
  )
}
