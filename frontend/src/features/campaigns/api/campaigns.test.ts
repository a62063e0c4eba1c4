import { describe, expect, it } from 'vitest'
import { csvHeader, formatEta, renderTemplate, templateVariables } from './campaigns'

describe('template variables', () => {
  it('lists variables once, in order of first appearance over header and body', () => {
    expect(templateVariables('Order {{2}}', 'Hi {{1}}, order {{ 2 }} for {{1}}')).toEqual(['2', '1'])
    expect(templateVariables(null, 'Hi {{first_name}}')).toEqual(['first_name'])
  })

  it('renders values and leaves unknown variables as written', () => {
    expect(renderTemplate('Hi {{1}}, code {{2}}', { '1': 'Ada' })).toBe('Hi Ada, code {{2}}')
    expect(renderTemplate('<b>{{1}}</b>', { '1': '<script>' })).toBe('<b><script></b>')
  })
})

describe('csv header and eta', () => {
  it('reads column names from the header line', () => {
    expect(csvHeader('phone, name,"voucher code"')).toEqual(['phone', 'name', 'voucher code'])
  })

  it('formats the remaining time', () => {
    expect(formatEta(null)).toBe('—')
    expect(formatEta(42)).toBe('42 s')
    expect(formatEta(125)).toBe('2 min 5 s')
    expect(formatEta(7260)).toBe('2 h 1 min')
  })
})
