/// <reference types="node" />
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig, type Plugin } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * Writes dist/sw.js from sw/sw.js with the list of files of this build (the app shell) and a
 * version derived from it: a new build is a new service worker, which replaces the old cache.
 */
function serviceWorker(): Plugin {
  let outDir = ''
  return {
    name: 'klantreis-service-worker',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir)
    },
    writeBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && !f.startsWith('.vite/'))
        .concat([
          'manifest.webmanifest',
          'icon.svg',
          'icon-192.png',
          'icon-512.png',
          'icon-maskable-512.png',
          'apple-touch-icon.png',
        ])
      const shell = [...new Set(files)].sort()
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12)
      const src = readFileSync(path.join(here, 'sw/sw.js'), 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__SHELL__', JSON.stringify(shell))
      writeFileSync(path.join(outDir, 'sw.js'), src)
    },
  }
}

export default defineConfig({
  base: '/r/',
  plugins: [react(), serviceWorker()],
  resolve: { conditions: ['@klantreis/source', ...defaultClientConditions] },
  build: { outDir: 'dist', target: 'es2022' },
  // the links in mails (personal, anonymous, unsubscribe) are the API's: it sets the cookie and sends
  // the browser on to /r/, which is this dev server (cookies are per host, not per port)
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/r/t/', '/s/', '/u/'].map((p) => [p, `http://127.0.0.1:${process.env.PORT ?? 3000}`]),
    ),
  },
})
