import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { redactLogMethod, redactText, redactTokens } from './redact.js'

const TOKEN = 'Zq3_secret-Token.9'

describe('redactTokens (a request URL)', () => {
  it.each([
    ['/r/t/TOKEN', '/r/t/[redacted]'],
    ['/r/t/TOKEN?to=survey', '/r/t/[redacted]?to=survey'],
    ['/r/t/TOKEN/extra', '/r/t/[redacted]/extra'],
    ['/s/TOKEN', '/s/[redacted]'],
    ['/s/TOKEN?lang=en', '/s/[redacted]?lang=en'],
    ['/u/TOKEN', '/u/[redacted]'],
    ['/u/TOKEN?List-Unsubscribe=One-Click', '/u/[redacted]?List-Unsubscribe=One-Click'],
    ['//u//TOKEN', '//u//[redacted]'],
    ['/S/TOKEN', '/S/[redacted]'],
    ['/R/T/TOKEN', '/R/T/[redacted]'],
    ['/?token=TOKEN&lang=nl', '/?token=[redacted]&lang=nl'],
    ['/r/?t=TOKEN', '/r/?t=[redacted]'],
    ['/api/v1/x?code=TOKEN', '/api/v1/x?code=[redacted]'],
    ['/#invite=TOKEN', '/#invite=[redacted]'],
    ['/?invite=TOKEN', '/?invite=[redacted]'],
  ])('%s', (url, expected) => {
    const got = redactTokens(url.replace('TOKEN', TOKEN))
    expect(got).toBe(expected)
    expect(got).not.toContain(TOKEN)
  })

  it('leaves addresses without a token alone', () => {
    for (const url of ['/api/v1/studies/abc/participants', '/r/', '/r/t', '/s', '/healthz', '/r/entries?to=survey'])
      expect(redactTokens(url)).toBe(url)
  })
})

describe('redactText (a log message)', () => {
  it.each([
    `Route GET:/s/${TOKEN} not found`,
    `Route POST:/u/${TOKEN}?List-Unsubscribe=One-Click not found`,
    `opened https://klantreis.example/r/t/${TOKEN} twice`,
    `link "http://127.0.0.1:3000/#invite=${TOKEN}"`,
  ])('%s', (text) => {
    expect(redactText(text)).not.toContain(TOKEN)
    expect(redactText(text)).toContain('[redacted]')
  })
})

describe('the logger', () => {
  it('writes neither a request URL nor a message with the token in it', () => {
    let out = ''
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk
        done()
      },
    })
    const log = pino({ hooks: { logMethod: redactLogMethod } }, sink)
    log.info(`Route GET:/u/${TOKEN} not found`)
    log.info('opened %s', `/r/t/${TOKEN}`)
    log.warn({ msg: 'kept' }, `invite at /#invite=${TOKEN}`)
    expect(out).not.toContain(TOKEN)
    expect(out.match(/\[redacted\]/g)).toHaveLength(3)
  })
})
