import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

/**
 * CPU accounting from /proc (Linux only; elsewhere every figure is null): the whole machine, and the
 * processes that take part in a phase (the bench/load generator, the server under test, PostgreSQL).
 * Tells whether a phase was limited by the 2 cores and who spent them.
 */

let ticksPerSecond = 100
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
} catch {
  // keep the Linux default
}

const onLinux = existsSync('/proc/stat')
const cores = os.cpus().length

/** utime + stime (and stime alone) in ticks, and the parent pid; undefined when the process is gone. */
function procTicks(pid: number): { ticks: number; sys: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name is in parentheses and may contain spaces: fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), sys: Number(fields[12]) }
  } catch {
    return undefined
  }
}

function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const v = line.trim().split(/\s+/).slice(1).map(Number)
  const idle = (v[3] ?? 0) + (v[4] ?? 0)
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0)
  return { busy: total - idle, total }
}

/** The pids of a PostgreSQL cluster: the postmaster (first line of postmaster.pid) and its children. */
function postgresPids(dataDir: string | undefined): number[] {
  if (!dataDir) return []
  try {
    const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0])
    const pids = [postmaster]
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      if (procTicks(Number(name))?.ppid === postmaster) pids.push(Number(name))
    }
    return pids
  } catch {
    return []
  }
}

export type CpuGroups = { bench: number[]; server?: number[]; postgresDir?: string }
type Ticks = { ticks: number; sys: number }
type Snapshot = { at: number; machine: { busy: number; total: number }; groups: Record<string, Map<number, Ticks>> }

export type CpuUsage = {
  /** Whole machine: busy share of all cores, 0-100 %. */
  machineBusyPercent: number | null
  /** Per process group, in % of ONE core (so 2 cores = up to 200 %). */
  percentOfOneCore: Record<string, number | null>
  /** The kernel-mode part of percentOfOneCore (system calls, and loopback TCP delivered in the sender's context). */
  systemPercentOfOneCore: Record<string, number | null>
  /** Busy time no group accounts for (other processes on this shared machine, kernel networking), % of one core. */
  otherPercentOfOneCore: number | null
}

function snapshot(groups: CpuGroups): Snapshot {
  const pidsOf: Record<string, number[]> = {
    bench: groups.bench,
    ...(groups.server ? { server: groups.server } : {}),
    ...(groups.postgresDir ? { postgres: postgresPids(groups.postgresDir) } : {}),
  }
  const out: Snapshot['groups'] = {}
  for (const [name, pids] of Object.entries(pidsOf)) {
    out[name] = new Map()
    for (const pid of pids) {
      const t = procTicks(pid)
      if (t) out[name]!.set(pid, { ticks: t.ticks, sys: t.sys })
    }
  }
  return { at: performance.now(), machine: machineTicks(), groups: out }
}

/** Start measuring; call the returned function at the end of the phase. */
export function startCpu(groups: CpuGroups): () => CpuUsage {
  if (!onLinux)
    return () => ({
      machineBusyPercent: null,
      percentOfOneCore: {},
      systemPercentOfOneCore: {},
      otherPercentOfOneCore: null,
    })
  const a = snapshot(groups)
  return () => {
    const b = snapshot(groups)
    const seconds = (b.at - a.at) / 1000
    const percentOfOneCore: Record<string, number | null> = {}
    const systemPercentOfOneCore: Record<string, number | null> = {}
    const toPercent = (ticks: number) => Math.round((ticks / ticksPerSecond / seconds) * 100)
    for (const [name, end] of Object.entries(b.groups)) {
      const start = a.groups[name] ?? new Map<number, Ticks>()
      let ticks = 0
      let sys = 0
      // a process that appeared during the phase counts from zero; one that ended is lost
      for (const [pid, t] of end) {
        ticks += t.ticks - (start.get(pid)?.ticks ?? 0)
        sys += t.sys - (start.get(pid)?.sys ?? 0)
      }
      percentOfOneCore[name] = end.size ? toPercent(ticks) : null
      systemPercentOfOneCore[name] = end.size ? toPercent(sys) : null
    }
    const busyShare = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)
    const accounted = Object.values(percentOfOneCore).reduce<number>((sum, v) => sum + (v ?? 0), 0)
    return {
      machineBusyPercent: Math.round(busyShare * 100),
      percentOfOneCore,
      systemPercentOfOneCore,
      otherPercentOfOneCore: Math.max(0, Math.round(busyShare * cores * 100 - accounted)),
    }
  }
}
