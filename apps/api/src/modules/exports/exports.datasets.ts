import type { ExportSpec } from '@klantreis/shared/exports'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { CodingService } from '../coding/coding.service.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import type { DiaryService } from '../diary/diary.service.js'
import type { FindingsService } from '../findings/findings.service.js'
import type { JourneyService } from '../journey/journey.service.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { SurveysService } from '../surveys/surveys.service.js'
import type { ExportTable } from './exports.table.js'

/** Whose study, and whether names and e-mail addresses may stand beside the pseudonym. */
export type ExportScope = { organizationId: string; studyId: string; contactDetails: boolean }

/** Each module's own streaming reads: the exports module never touches another module's tables. */
export type DatasetServices = {
  studies: StudiesService
  responses: ResponsesService
  surveys: SurveysService
  diary: DiaryService
  participants: ParticipantsService
  coding: CodingService
  findings: FindingsService
  dashboard: DashboardService
  journey: JourneyService
}

/**
 * A diary photo for the archive: its name under photos/ (the diary table's photo column is
 * `photos/<fileName>`) and its bytes. Photos live in the database (the photo table), not on disk,
 * so they come through the cursor one at a time with their bytes.
 */
export type Photo = { fileName: string; bytes: Buffer }

/**
 * Turns a study and an export's spec into tables whose rows stream from a cursor inside the job's
 * transaction (REPEATABLE READ, READ ONLY), so the counts, the rows and the photos agree.
 */
export function createDatasets(services: DatasetServices) {
  void services
  return {
    /** Every table of the spec, in spec.datasets order; counts taken in the same snapshot. */
    async tables(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): Promise<ExportTable[]> {
      void trx
      void scope
      void spec
      return []
    },
    /** The diary photos the diary table names (for spec.includePhotos), one at a time from a cursor. */
    async *photos(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): AsyncIterable<Photo> {
      void trx
      void scope
      void spec
    },
    async photoCount(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): Promise<number> {
      void trx
      void scope
      void spec
      return 0
    },
  }
}
export type Datasets = ReturnType<typeof createDatasets>
