import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { eraseParticipantDiary } from './diary.erasure.queries.js'

/**
 * The diary's part of a participant's erasure, in the caller's transaction (modules/erasure): entries,
 * photos, and the proposals only they made. Kept apart from diary.service.ts, which needs no handle on it.
 */
export const eraseParticipant = (trx: Kysely<DB>, participantId: string) => eraseParticipantDiary(trx, participantId)
