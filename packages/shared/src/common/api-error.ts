import { z } from 'zod'
import { ERROR_CODES } from './constants.js'

export const ApiErrorDetailSchema = z.object({ path: z.string(), message: z.string() })

export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.enum(ERROR_CODES),
  error: z.string(),
  message: z.string(),
  details: z.array(ApiErrorDetailSchema).optional(),
  requestId: z.string().optional(),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
