import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'
import { useInvalidateConversation } from './conversations'

type TemplateView = components['schemas']['TemplateView']

/** The channel's templates that can be sent now (approved by Meta, or local). */
export function useUsableTemplates(channelId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['templates', 'usable', channelId ?? ''],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/templates', { params: { query: { channelId: channelId ?? '', page: 0, size: 100 } } }),
        )
      ).items.filter((template) => template.usable),
    enabled: enabled && channelId !== undefined,
    staleTime: 60_000,
  })
}

/** The template as the contact will read it, rendered by the server with these values. */
export function useTemplatePreview(id: string | undefined, values: Record<string, string>) {
  return useQuery({
    queryKey: ['templates', 'preview', id ?? '', values],
    queryFn: () =>
      unwrap(api.POST('/api/v1/templates/{id}/preview', { params: { path: { id: id ?? '' } }, body: { values } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  })
}

/** Sends a template message (the only kind WhatsApp delivers outside the 24-hour window). */
export function useSendTemplate(conversationId: string) {
  const invalidate = useInvalidateConversation()
  return useMutation({
    mutationFn: ({ template, values }: { template: TemplateView; values: Record<string, string> }) =>
      unwrap(
        api.POST('/api/v1/conversations/{id}/messages', {
          params: { path: { id: conversationId } },
          body: {
            content: {
              type: 'template',
              name: template.name,
              language: template.language,
              parameters: template.variables.map((variable) => values[variable.name] ?? ''),
            },
          },
        }),
      ),
    onSuccess: () => invalidate(conversationId),
  })
}

/** Every variable starts with its sample, so a template can be sent as soon as it is picked. */
export function sampleValues(template: TemplateView): Record<string, string> {
  return Object.fromEntries(template.variables.map((variable) => [variable.name, variable.sample]))
}

/** Every variable needs a value: WhatsApp rejects a template with an empty parameter. */
export function missingVariables(template: TemplateView, values: Record<string, string>): string[] {
  return template.variables.filter((variable) => !(values[variable.name] ?? '').trim()).map((variable) => variable.name)
}
