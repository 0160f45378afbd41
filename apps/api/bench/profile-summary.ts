/**
 * Summarises a V8 CPU profile of the P1 server (BENCH_CPU_PROF=1 npm run bench writes one to
 * bench/results/profiles): self time by package / project file / Node internals, and the top
 * functions. Usage: tsx bench/profile-summary.ts [file.cpuprofile]   (default: the newest main-thread profile)
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results/profiles')

async function newest() {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader hooks run in another)
  const files = (await fs.readdir(dir)).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
  const stats = await Promise.all(files.map(async (f) => ({ f, t: (await fs.stat(path.join(dir, f))).mtimeMs })))
  const last = stats.sort((a, b) => b.t - a.t)[0]
  if (!last) throw new Error(`no .cpuprofile in ${dir}; run BENCH_CPU_PROF=1 npm run bench first`)
  return path.join(dir, last.f)
}

function bucket(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / builtin)'
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
  const nm = url.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  const m = url.match(/\/(apps\/[^/]+\/(?:src|bench)\/.*|packages\/[^/]+\/src\/.*)$/)
  return m ? m[1]! : url
}

async function main() {
  const file = process.argv[2] ?? (await newest())
  const p = JSON.parse(await fs.readFile(file, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const selfOf = (name: string) =>
    [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === name).reduce((a, [, t]) => a + t, 0)
  const idle = selfOf('(idle)')
  // V8 samples wall time: a thread preempted inside a socket write (loopback hands the CPU to the
  // receiving process on a busy 2-core machine) keeps being sampled in `writev`. That is waiting,
  // not work, so shares below are of the sampled time outside idle and writev (≈ the process's CPU time).
  const writev = selfOf('writev')
  const busy = total - idle - writev

  const byBucket = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const [id, t] of self) {
    const n = byId.get(id)!
    const { functionName, url, lineNumber } = n.callFrame
    if (functionName === '(idle)' || functionName === 'writev') continue
    const b = bucket(url, functionName)
    byBucket.set(b, (byBucket.get(b) ?? 0) + t)
    const key = `${functionName || '(anonymous)'}  ${b}${url ? `:${lineNumber + 1}` : ''}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + t)
  }
  // inclusive: a sample counts once for every package / file anywhere on its stack
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map<string, number>()
  p.samples.forEach((leaf, i) => {
    const t = p.timeDeltas[i] ?? 0
    const leafName = byId.get(leaf)?.callFrame.functionName
    if (leafName === '(idle)' || leafName === 'writev') return
    const seen = new Set<string>()
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const { url, functionName } = byId.get(id)!.callFrame
      if (url) seen.add(bucket(url, functionName))
    }
    for (const b of seen) inclusive.set(b, (inclusive.get(b) ?? 0) + t)
  })
  const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)} %`
  const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(7)} ms`
  console.log(
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled: ${(idle / 1e6).toFixed(1)} s idle, ${(writev / 1e6).toFixed(1)} s inside writev (waiting on loopback sends), ${(busy / 1e6).toFixed(1)} s working; shares are of the working time\n`,
  )
  console.log('self time by package / file:')
  for (const [b, t] of [...byBucket].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`  ${pct(t)} ${ms(t)}  ${b}`)
  console.log('\ninclusive time (anywhere on the stack) by package / file:')
  for (const [b, t] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, 40))
    console.log(`  ${pct(t)} ${ms(t)}  ${b}`)
  console.log('\ntop functions (self time):')
  for (const [f, t] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, 30))
    console.log(`  ${pct(t)} ${ms(t)}  ${f}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
