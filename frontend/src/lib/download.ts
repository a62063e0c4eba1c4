/** Saves a blob as a file through a temporary link (the content never touches the DOM as markup). */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A download fetched with the session's token (openapi-fetch with `parseAs: 'blob'`), then saved. */
export async function saveDownload(
  request: Promise<{ data?: unknown; response: Response }>,
  filename: string,
): Promise<void> {
  const { data, response } = await request
  if (!response.ok || !(data instanceof Blob)) throw new Error(`The download failed (${response.status})`)
  saveFile(data, filename)
}
