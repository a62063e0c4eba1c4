import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { api, unwrap } from '@/api/client'
import type { Message } from '@/api/types'
import { ApiError, toProblem } from '@/lib/problem'
import { getTokens } from '@/lib/tokens'
import { conversationKeys } from './conversations'

/**
 * Uploads a file as a message of the conversation. XMLHttpRequest rather than fetch: only it reports
 * upload progress. The API call before it refreshes an expired access token through the usual client.
 */
export async function uploadAttachment(
  conversationId: string,
  file: File,
  caption: string | undefined,
  onProgress: (fraction: number) => void,
): Promise<Message> {
  await unwrap(api.GET('/api/v1/conversations/{id}', { params: { path: { id: conversationId } } }))
  const form = new FormData()
  form.append('file', file, file.name)
  if (caption) form.append('caption', caption)
  return new Promise<Message>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/attachments`)
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    const token = getTokens()?.accessToken
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      let body: unknown
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        body = xhr.responseText
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Message)
      else reject(new ApiError(toProblem(body, xhr.status, xhr.statusText), xhr.status))
    }
    xhr.onerror = () => reject(new ApiError(toProblem(undefined, 0, ''), 0))
    xhr.send(form)
  })
}

/** Sends a file with progress (0..1) while it uploads. */
export function useUploadAttachment(conversationId: string) {
  const queryClient = useQueryClient()
  const [progress, setProgress] = useState<number | null>(null)
  const mutation = useMutation({
    mutationFn: ({ file, caption }: { file: File; caption?: string }) => {
      setProgress(0)
      return uploadAttachment(conversationId, file, caption, setProgress)
    },
    onSettled: () => setProgress(null),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationKeys.messages(conversationId) }),
        queryClient.invalidateQueries({ queryKey: conversationKeys.lists() }),
      ]),
  })
  return { ...mutation, progress }
}
