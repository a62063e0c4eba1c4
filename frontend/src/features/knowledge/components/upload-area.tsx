import { UploadIcon } from 'lucide-react'
import { useRef, useState } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { cn } from '@/lib/utils'
import { ACCEPTED_FILES, useUploadDocument } from '../api/knowledge'

/** Drop files here or pick them; each is uploaded and then processed in the background. */
export function UploadArea({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const upload = useUploadDocument(knowledgeBaseId)
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [uploading, setUploading] = useState(0)

  const send = async (files: FileList | null) => {
    if (!files) return
    upload.reset()
    for (const file of Array.from(files)) {
      setUploading((n) => n + 1)
      try {
        await upload.mutateAsync(file)
      } catch {
        // shown by the ProblemAlert below
      } finally {
        setUploading((n) => n - 1)
      }
    }
    if (input.current) input.current.value = ''
  }

  return (
    <div className="grid gap-2">
      <div
        data-testid="upload-area"
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault()
          setDragging(false)
          void send(event.dataTransfer.files)
        }}
        className={cn(
          'flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-8 text-center',
          dragging && 'border-primary bg-muted',
        )}
      >
        <UploadIcon aria-hidden className="size-6 text-muted-foreground" />
        <p className="text-sm">Drop files here, or</p>
        <input
          ref={input}
          id="knowledge-upload"
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          className="sr-only"
          aria-label="Upload documents"
          onChange={(event) => void send(event.target.files)}
        />
        <Button variant="outline" size="sm" onClick={() => input.current?.click()} disabled={uploading > 0}>
          {uploading > 0 && <Spinner aria-hidden />}
          Choose files
        </Button>
        <p className="text-xs text-muted-foreground">
          PDF, Word (.docx), Markdown, HTML, text, or a CSV with question and answer columns; up to 10 MB each.
        </p>
      </div>
      <ProblemAlert error={upload.error} />
    </div>
  )
}
