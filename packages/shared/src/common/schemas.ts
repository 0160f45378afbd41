import { z } from 'zod'
import { LANGUAGES } from './constants.js'

export const IdSchema = z.uuid()
export const IsoDateTimeSchema = z.iso.datetime({ offset: true })
export const LanguageSchema = z.enum(LANGUAGES)
export type Language = z.infer<typeof LanguageSchema>

export const OkSchema = z.object({ ok: z.literal(true) })

/** An IANA time zone the runtime knows (Europe/Amsterdam, America/New_York, …). */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'unknown time zone')
