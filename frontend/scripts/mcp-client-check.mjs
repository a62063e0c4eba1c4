#!/usr/bin/env node
// Connects to a Switchboard MCP server with the official TypeScript SDK client over Streamable HTTP,
// lists the tools, reads the credit balance and places a (simulated) call; prints one JSON object.
// Usage: node scripts/mcp-client-check.mjs --url http://localhost:8080/mcp --api-key sb_...
// (or MCP_URL / MCP_API_KEY). Exit code 0 when every step worked, 1 otherwise (JSON still printed).
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback
}

const url = arg('url', process.env.MCP_URL)
const apiKey = arg('api-key', process.env.MCP_API_KEY)
const phone = arg('phone', '+14155550123')
if (!url || !apiKey) {
  console.error('usage: mcp-client-check.mjs --url <MCP endpoint> --api-key <API key>')
  process.exit(2)
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
})
const client = new Client({ name: 'switchboard-mcp-client-check', version: '1.0.0' })
const out = { ok: false }
try {
  await client.connect(transport)
  out.protocolVersion = transport.protocolVersion ?? null
  out.server = client.getServerVersion() ?? null
  const { tools } = await client.listTools()
  out.tools = tools.map((t) => t.name).sort()
  const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} })
  out.balance = { isError: balance.isError ?? false, structured: balance.structuredContent ?? null }
  const placed = await client.callTool({
    name: 'place_call',
    arguments: {
      confirm: true,
      phone_number: phone,
      task: 'Tell them about our spring sale and ask whether they want a brochure',
      first_sentence: 'Hi, this is Maya from Acme.',
      max_duration_minutes: 2,
    },
  })
  out.placeCall = { isError: placed.isError ?? false, structured: placed.structuredContent ?? null }
  out.ok = !out.balance.isError && !out.placeCall.isError
} catch (e) {
  out.error = String(e?.message ?? e)
} finally {
  await client.close().catch(() => {})
}
console.log(JSON.stringify(out))
process.exit(out.ok ? 0 : 1)
