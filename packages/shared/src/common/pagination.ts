import { z } from 'zod'

/**
 * Keyset pagination: `cursor` is opaque to clients (base64url of the last row's sort key);
 * no OFFSET, no COUNT(*), so page N costs the same as page 1.
 */
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
})
export type PageQuery = z.infer<typeof PageQuerySchema>

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })
