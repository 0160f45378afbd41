import { z } from 'zod'

export * from './api-error.js'
export * from './pagination.js'

export const IdSchema = z.uuid()
export const IsoDateTimeSchema = z.iso.datetime({ offset: true })
export const LanguageSchema = z.enum(['nl', 'en'])
export type Language = z.infer<typeof LanguageSchema>

export const OkSchema = z.object({ ok: z.literal(true) })
