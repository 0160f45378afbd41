import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('loadConfig', () => {
  it('defaults to the zero-setup embedded mode', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      embeddedDatabase: true,
      queueBackend: 'postgres',
      secureCookies: false,
    })
    expect(c.publicUrl).toBe('http://127.0.0.1:3000')
    expect(c.dataDir.endsWith('/.data')).toBe(true)
  })

  it('chooses Redis and secure cookies from the environment', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/k',
      REDIS_URL: 'redis://redis:6379',
      PUBLIC_URL: 'https://research.example.com/',
      RUN_WORKER: 'false',
    })
    expect(c).toMatchObject({ embeddedDatabase: false, queueBackend: 'redis', secureCookies: true, RUN_WORKER: false })
    expect(c.publicUrl).toBe('https://research.example.com')
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).embeddedDatabase).toBe(true)
  })

  it('names every bad variable', () => {
    let err: unknown
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://r',
        RUN_WORKER: 'maybe',
        QUEUE_PREFIX: 'Bad Prefix',
      })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    const msg = (err as Error).message
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'RUN_WORKER', 'QUEUE_PREFIX'])
      expect(msg).toContain(`${name}:`)
  })

  it('trusts a proxy only when told which one', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/k' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      '::1',
    ])
    for (const bad of ['true', 'proxy.local', '10.0.0.0/33', '1.2.3.4/8/9']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrowError(/TRUST_PROXY:/)
    }
  })

  it('serves the API docs by default except in production, where they can be turned on', () => {
    expect(loadConfig({}).apiDocs).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', API_DOCS: 'true' }).apiDocs).toBe(true)
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false)
  })
})
