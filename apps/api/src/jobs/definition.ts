import { UnrecoverableError } from 'bullmq'
import { z } from 'zod'

/** Which attempt a run is: a delivery decides on the last one whether a failure is final. */
export type JobAttempt = { made: number; max: number }

/**
 * One kind of job on a queue: its name, the zod schema of its payload (parsed in the worker before
 * `process` sees it, as it is parsed on enqueue) and the work. `Deps` is what the queue's worker
 * hands every job on it (the database, the mailer, …).
 */
export type JobDefinition<Deps, Name extends string = string, Schema extends z.ZodType = z.ZodType> = {
  name: Name
  schema: Schema
  // a method, so a map of definitions with different payloads is still one type (methods compare
  // their parameters both ways; each definition's own payload type is checked by defineJob)
  process(deps: Deps, payload: z.output<Schema>, attempt: JobAttempt): Promise<unknown>
}

/** A definition with its name and payload type inferred (the payload of `process` is the schema's output). */
export const defineJob =
  <Deps>() =>
  <const Name extends string, Schema extends z.ZodType>(d: JobDefinition<Deps, Name, Schema>) =>
    d

/** The payload of a job that carries none (a scheduler's tick, a pump): BullMQ stores `{}`. */
export const NoPayloadSchema = z.object({}).nullish()

/** A queue's definitions keyed by their names (what `jobMap` makes and `dispatchJobs` reads). */
export type JobMap<Deps> = Readonly<Record<string, JobDefinition<Deps, string, z.ZodType>>>

/** The map of a list of definitions, keyed by each one's name (a second one with the same name is a mistake). */
export function jobMap<const Defs extends readonly JobDefinition<never, string, z.ZodType>[]>(defs: Defs) {
  const map: Record<string, Defs[number]> = {}
  for (const d of defs) {
    if (Object.hasOwn(map, d.name)) throw new Error(`two job definitions named "${d.name}"`)
    map[d.name] = d
  }
  return map as { readonly [D in Defs[number] as D['name']]: D }
}

/**
 * One queue's definitions from the maps of the modules that own them (a name in two of them is a
 * mistake, as in `jobMap`).
 */
export function joinJobMaps<A extends JobMap<never>, B extends JobMap<never>>(a: A, b: B): A & B {
  for (const name of Object.keys(b)) if (Object.hasOwn(a, name)) throw new Error(`two job definitions named "${name}"`)
  return { ...a, ...b }
}

/**
 * The worker's processor for one queue: finds the job's definition by its name, parses its payload
 * with the definition's schema and runs it. A name with no definition fails at once (never retried)
 * and says which names the queue knows.
 */
export function dispatchJobs<Deps>(queue: string, defs: JobMap<Deps>, deps: Deps) {
  return async (job: { name: string; data: unknown; attemptsMade: number; opts: { attempts?: number } }) => {
    const def = Object.hasOwn(defs, job.name) ? defs[job.name] : undefined
    if (!def)
      throw new UnrecoverableError(
        `unknown job "${job.name}" on the ${queue} queue (it knows ${Object.keys(defs).join(', ')})`,
      )
    return def.process(deps, def.schema.parse(job.data), { made: job.attemptsMade, max: job.opts.attempts ?? 1 })
  }
}
