import { PlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { ApiKeyScope, CreatedApiKey } from '@/api/types'
import { InputField } from '@/components/field'
import { FormDialog } from '@/components/form-dialog'
import { ProblemAlert } from '@/components/problem-alert'
import { SubmitButton } from '@/components/submit-button'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { useResultDialog } from '@/hooks/use-result-dialog'
import { readForm } from '@/lib/forms'
import { fieldErrors } from '@/lib/problem'
import { useCreateApiKey } from '../api/api-keys'
import { NewApiKey } from './new-api-key'
import { ScopeCheckboxes } from './scope-checkboxes'
import { ToolCheckboxes } from '@/components/tool-checkboxes'

function CreateApiKeyForm({ onCreated }: { onCreated: (apiKey: CreatedApiKey) => void }) {
  const createKey = useCreateApiKey()
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read'])
  const [tools, setTools] = useState<string[] | null>(null)
  const errors = fieldErrors(createKey.error)
  const noTools = tools !== null && tools.length === 0
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) =>
        createKey.mutate({ name: readForm(event).name, scopes, tools }, { onSuccess: onCreated })
      }
    >
      <ProblemAlert error={createKey.error} fields={['name', 'scopes', 'tools']} />
      <InputField label="Name" name="name" required autoFocus placeholder="e.g. CRM sync" error={errors.name} />
      <ScopeCheckboxes
        value={scopes}
        onChange={setScopes}
        error={errors.scopes ?? (scopes.length === 0 ? 'Pick at least one scope.' : undefined)}
      />
      <ToolCheckboxes
        legend="MCP tools (AI assistants)"
        limitDescription="Off: the key may use every MCP tool its scopes allow."
        value={tools}
        onChange={setTools}
        error={errors.tools ?? (noTools ? 'Pick at least one tool, or turn the limit off.' : undefined)}
      />
      <DialogFooter>
        <SubmitButton pending={createKey.isPending} disabled={scopes.length === 0 || noTools}>
          Create key
        </SubmitButton>
      </DialogFooter>
    </form>
  )
}

export function CreateApiKeyDialog() {
  const { open, changeOpen, result: created, setResult: setCreated } = useResultDialog<CreatedApiKey | null>(null)

  return (
    <FormDialog
      open={open}
      onOpenChange={changeOpen}
      trigger={
        <Button>
          <PlusIcon aria-hidden />
          Create API key
        </Button>
      }
      title={created ? 'API key created' : 'Create API key'}
      description={
        created
          ? `“${created.name}” can now call the API with the scopes ${created.scopes.join(', ')}.`
          : 'Programs use API keys to call the Switchboard API on behalf of this organization.'
      }
    >
      {created ? (
        <>
          <NewApiKey apiKey={created} />
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </>
      ) : (
        <CreateApiKeyForm onCreated={setCreated} />
      )}
    </FormDialog>
  )
}
