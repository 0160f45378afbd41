#!/usr/bin/env node
// P5: at most 90 KiB of gzipped JavaScript on the diary routes. Sums the gzip size of every
// script index.html loads (the entry, modulepreloads and, recursively, their static imports;
// dynamic import() chunks are not counted) and fails above the budget.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const BUDGET = 90 * 1024
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist')
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')

/** /r/assets/x.js → dist/assets/x.js */
const toFile = (url) => path.join(dist, url.replace(/^\/r\//, '').replace(/^\//, ''))
const start = [
  ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]),
].map(toFile)
if (start.length === 0) {
  console.error('check-bundle: index.html loads no script')
  process.exit(1)
}

const seen = new Set()
const queue = [...start]
while (queue.length) {
  const file = queue.shift()
  if (seen.has(file)) continue
  seen.add(file)
  const code = fs.readFileSync(file, 'utf8')
  // static imports only: `import x from"./a.js"`, `import"./a.js"`, `export * from"./a.js"`
  for (const m of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
    const spec = m[1]
    queue.push(spec.startsWith('/') ? toFile(spec) : path.resolve(path.dirname(file), spec))
  }
}

let total = 0
const rows = []
for (const file of seen) {
  const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
  total += gz
  rows.push([path.relative(dist, file), gz])
}
rows.sort((a, b) => b[1] - a[1])
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
for (const [f, gz] of rows) console.log(`  ${f.padEnd(44)} ${kib(gz).padStart(10)} gz`)
console.log(`  ${'total JavaScript on the diary routes'.padEnd(44)} ${kib(total).padStart(10)} gz (budget ${kib(BUDGET)})`)
if (total > BUDGET) {
  console.error(`check-bundle: ${kib(total)} gzipped is over the ${kib(BUDGET)} budget`)
  process.exit(1)
}
