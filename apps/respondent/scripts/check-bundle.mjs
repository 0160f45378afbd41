#!/usr/bin/env node
// P5: at most 90 KiB of gzipped JavaScript on the diary routes. Sums the gzip size of every
// script index.html loads (the entry, modulepreloads and, recursively, their static imports;
// dynamic import() chunks are not counted, except the texts of one language, which every route
// loads: the larger of assets/en-*.js and assets/nl-*.js) and fails above the budget. The
// entry form and the questionnaire count the same plus their lazy chunk and its static imports.
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

/** Every file a set of scripts loads: themselves and, recursively, their static imports. */
function reach(files) {
  const seen = new Set()
  const queue = [...files]
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
  return seen
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
const gzOf = new Map()
const gz = (file) => {
  if (!gzOf.has(file)) gzOf.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length)
  return gzOf.get(file)
}

/** Sums and prints one route's JavaScript; false when it is over the budget. */
function check(label, files) {
  let total = 0
  const rows = []
  for (const file of files) {
    total += gz(file)
    rows.push([path.relative(dist, file), gz(file)])
  }
  rows.sort((a, b) => b[1] - a[1])
  console.log(`${label}:`)
  for (const [f, n] of rows) console.log(`  ${f.padEnd(44)} ${kib(n).padStart(10)} gz`)
  console.log(`  ${`total JavaScript on ${label}`.padEnd(44)} ${kib(total).padStart(10)} gz (budget ${kib(BUDGET)})`)
  if (total > BUDGET) {
    console.error(`check-bundle: ${label}: ${kib(total)} gzipped is over the ${kib(BUDGET)} budget`)
    return false
  }
  return true
}

const chunks = (re) =>
  fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => re.test(f))
    .map((f) => path.join(dist, 'assets', f))
// Each language is its own chunk (src/lib/i18n/en.ts, nl.ts) and a participant loads one: count the larger.
const languages = chunks(/^(en|nl)-[\w-]+\.js$/).sort((a, b) => gz(b) - gz(a))
let ok = true
if (languages.length !== 2) {
  console.error(
    `check-bundle: expected two language chunks (assets/en-*.js, assets/nl-*.js), found ${languages.length}`,
  )
  ok = false
}
const home = reach([...start, ...languages.slice(0, 1)])
ok = check('the diary home', home) && ok
// The entry form (#/new, #/edit/:id) and the questionnaire (#/survey/:id, an anonymous link) are lazy chunks on top.
for (const [label, name] of [
  ['the entry form', 'entry-form-screen'],
  ['the questionnaire', 'survey-screen'],
]) {
  const own = chunks(new RegExp(`^${name}-[\\w-]+\\.js$`))
  if (own.length === 0) {
    console.error(`check-bundle: no ${label} chunk (assets/${name}-*.js) found`)
    ok = false
  } else ok = check(label, reach([...home, ...own])) && ok
}
if (!ok) process.exit(1)
