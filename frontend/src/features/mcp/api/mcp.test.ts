import { describe, expect, it } from 'vitest'
import { httpConfig, stdioConfig } from './mcp'

describe('MCP client config snippets', () => {
  it('starts the stdio bridge of the jar with the endpoint and a key placeholder', () => {
    const config = JSON.parse(stdioConfig('https://sb.example.com/mcp'))
    expect(config.mcpServers.switchboard.command).toBe('java')
    expect(config.mcpServers.switchboard.args).toEqual([
      '-jar',
      '/path/to/switchboard.jar',
      'mcp',
      '--url',
      'https://sb.example.com/mcp',
      '--api-key',
      '<API key>',
    ])
  })

  it('points HTTP clients at the endpoint with a bearer header', () => {
    const config = JSON.parse(httpConfig('https://sb.example.com/mcp'))
    expect(config.mcpServers.switchboard.url).toBe('https://sb.example.com/mcp')
    expect(config.mcpServers.switchboard.headers.Authorization).toBe('Bearer <API key>')
  })
})
