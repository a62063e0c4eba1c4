import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { InputField, TextareaField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useCreateKnowledgeBase } from '../api/knowledge'

export function CreateKnowledgeBaseDialog({ label = 'New knowledge base' }: { label?: string }) {
  const [open, setOpen] = useState(false)
  const create = useCreateKnowledgeBase()
  const navigate = useNavigate()
  const errors = fieldErrors(create.error)
  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (!next) create.reset()
  }
  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          {label}
        </Button>
      }
      title="New knowledge base"
      description="Documents and web pages your agents search to ground their answers."
    >
      <form
        className="grid gap-4"
        noValidate
        onSubmit={(event) => {
          const values = readForm(event)
          create.mutate(
            { name: values.name ?? '', description: values.description || undefined },
            { onSuccess: (kb) => navigate(`/knowledge/${kb.id}`) },
          )
        }}
      >
        <ProblemAlert error={create.error} fields={['name', 'description']} />
        <InputField label="Name" name="name" required maxLength={100} placeholder="e.g. Help centre" autoFocus error={errors.name} />
        <TextareaField label="Description" name="description" maxLength={1000} error={errors.description} />
        <DialogFooter>
          <SubmitButton pending={create.isPending}>Create</SubmitButton>
        </DialogFooter>
      </form>
    </FormDialog>
  )
}
