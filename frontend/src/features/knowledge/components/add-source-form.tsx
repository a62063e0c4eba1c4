import { useState } from 'react'
import { InputField, SelectField } from '@/components/field'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useAddSource } from '../api/knowledge'

/** A web page, or a sitemap whose pages are all fetched (robots.txt is honoured). */
export function AddSourceForm({ knowledgeBaseId }: { knowledgeBaseId: string }) {
  const add = useAddSource(knowledgeBaseId)
  const [formKey, setFormKey] = useState(0)
  const errors = fieldErrors(add.error)
  return (
    <form
      key={formKey}
      className="grid gap-3"
      noValidate
      onSubmit={(event) => {
        const values = readForm(event)
        add.mutate(
          { url: values.url ?? '', kind: values.kind === 'sitemap' ? 'sitemap' : 'page' },
          { onSuccess: () => setFormKey((k) => k + 1) },
        )
      }}
    >
      <ProblemAlert error={add.error} fields={['url', 'kind']} />
      <div className="grid gap-3 sm:grid-cols-[1fr_9rem]">
        <InputField label="URL" name="url" type="url" required placeholder="https://example.com/sitemap.xml" error={errors.url} />
        <SelectField label="Kind" name="kind" defaultValue="page" error={errors.kind}>
          <option value="page">Web page</option>
          <option value="sitemap">Sitemap</option>
        </SelectField>
      </div>
      <div>
        <SubmitButton pending={add.isPending} variant="outline">
          Add source
        </SubmitButton>
      </div>
    </form>
  )
}
