// Row types of the tables in migrations/. The tables come from schema.generated.ts (kysely-codegen over
// a freshly migrated database; `npm run db:codegen`, checked in CI by schema.int.test.ts); the ones the
// code reads and writes are refined here by hand where the code knows more than the SQL types say
// (the shape of a JSON column, the closed set of a text column, how a column is written). Each
// refined table is checked against the generated one below: a column added, dropped, renamed, made
// nullable or given another type by a migration is a type error here until this file follows.
import type { ColumnType, Generated, Insertable, InsertType, Selectable, SelectType, Updateable } from 'kysely'
import type { DB as MigratedDB } from './schema.generated.js'
import type { ERASURE_REASONS } from '@klantreis/shared/participants'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export type OrganizationTable = {
  id: Generated<string>
  name: string
  created_at: CreatedAt
  retention_months: number | null
}
export type AccountTable = {
  id: Generated<string>
  email: string
  name: string
  password_hash: string
  language: Generated<'nl' | 'en'>
  created_at: CreatedAt
}
export type MembershipTable = {
  organization_id: string
  account_id: string
  role: string
  created_at: CreatedAt
  /** The studies a member is limited to; null = every study of the organization (migrations/0018). */
  study_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>
}
export type SessionTable = {
  id: string
  account_id: string
  organization_id: string
  csrf_token: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: ColumnType<Date, Date, Date>
  ip: string | null
  user_agent: string | null
}
export type InvitationTable = {
  id: Generated<string>
  organization_id: string
  email: string
  role: string
  token_hash: string
  /** The hash of the link in the invitation's mail, minted when it was sent (migrations/0014). */
  mail_token_hash: string | null
  invited_by: string | null
  expires_at: ColumnType<Date, Date, Date>
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: CreatedAt
  /** The studies the membership it creates is limited to; null = all (migrations/0018). */
  study_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>
}
export type AuditLogTable = {
  id: Generated<string>
  organization_id: string | null
  actor_id: string | null
  actor_email: string | null
  action: string
  subject: string | null
  detail: ColumnType<Record<string, unknown>, string | undefined, never>
  ip: string | null
  at: CreatedAt
  /** Generated always from subject / detail.studyId (migrations/0019): PostgreSQL refuses a value. */
  study_id: Generated<string | null>
}
export type LoginThrottleTable = {
  key: string
  window_start: Date
  attempts: number
}
export type StudyTable = {
  id: Generated<string>
  organization_id: string
  title: string
  goal: Generated<string>
  loyalty_metrics: Generated<string[]>
  scope: Generated<string>
  customer_job: Generated<string>
  languages: Generated<string[]>
  status: Generated<string>
  created_at: CreatedAt
  updated_at: Timestamp
  retention_months: number | null
  closed_at: Timestamp | null
  erase_on_request: Generated<boolean>
}
export type PersonaTable = {
  id: Generated<string>
  study_id: string
  name: string
  description: Generated<string>
  attributes: ColumnType<Record<string, string>, string | undefined, string>
  dmu_role: string | null
  position: number
  created_at: CreatedAt
}
export type StageTable = {
  id: Generated<string>
  study_id: string
  name: string
  description: Generated<string>
  position: number
  created_at: CreatedAt
}
export type TouchpointTable = {
  id: Generated<string>
  study_id: string
  stage_id: string
  name: string
  description: Generated<string>
  channel: Generated<string>
  kind: Generated<string>
  owner_department: Generated<string>
  moment_of_truth: Generated<boolean>
  origin: Generated<string>
  position: number
  created_at: CreatedAt
  updated_at: Timestamp
}

/** The tables refined by hand (the others are as generated). */
export type RefinedTables = DiaryDB & {
  organization: OrganizationTable
  account: AccountTable
  membership: MembershipTable
  session: SessionTable
  invitation: InvitationTable
  audit_log: AuditLogTable
  login_throttle: LoginThrottleTable
  study: StudyTable
  persona: PersonaTable
  stage: StageTable
  touchpoint: TouchpointTable
  mail_message: MailMessageTable
  code: CodeTable
  finding: FindingTable
  finding_touchpoint: { finding_id: string; touchpoint_id: string }
  finding_persona: { finding_id: string; persona_id: string }
  finding_evidence: { finding_id: string; coding_id: string }
  finding_operationalization: FindingOperationalizationTable
  coding: CodingTable
  coding_code: { coding_id: string; code_id: string }
  coding_sample: CodingSampleTable
  coding_sample_source: { sample_id: string; source: string }
  message_send: MessageSendTable
  survey_reminder: SurveyReminderTable
  participant_erasure: ParticipantErasureTable
  removal_request: RemovalRequestTable
}

/** Every table of the migrations: as generated, or as refined here. */
export type DB = RefinedTables & Omit<MigratedDB, keyof RefinedTables>

export type StudyRow = Selectable<StudyTable>
export type PersonaRow = Selectable<PersonaTable>
export type StageRow = Selectable<StageTable>
export type TouchpointRow = Selectable<TouchpointTable>
export type AccountRow = Selectable<AccountTable>
export type NewTouchpoint = Insertable<TouchpointTable>
export type StudyUpdate = Updateable<StudyTable>

export type MailMessageTable = {
  id: Generated<string>
  organization_id: string | null
  kind: string
  to_address: string
  subject: string
  /** null for participant mail: rendered when sent, so its links are never stored */
  text_body: string | null
  html_body: string | null
  status: Generated<'queued' | 'sending' | 'sent' | 'failed' | 'suppressed'>
  attempts: Generated<number>
  provider_id: string | null
  error: string | null
  created_at: CreatedAt
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  study_id: string | null
  participant_id: string | null
  survey_id: string | null
  send_id: string | null
  language: string | null
  due_at: Generated<Date>
  enqueued_at: Date | null
  claimed_at: Date | null
  /** The claim of the worker sending it now; renewing the claim names it (migrations/0011). */
  claim_id: string | null
  dedupe_key: string | null
  unsubscribe_token_hash: string | null
  deliveries: Generated<number>
  /** How many older mail links of the participant this mail's new link replaced; null: no link, or not sent. */
  links_replaced: number | null
  /** A team invitation's mail: its body holds a placeholder, the link is minted when it is sent (migrations/0014). */
  invitation_id: string | null
}
export type FindingTable = {
  id: Generated<string>
  study_id: string
  statement: string
  meta_inference: Generated<string>
  version: Generated<number>
  created_by: string | null
  created_at: CreatedAt
  updated_at: Generated<Date>
  /** Evidence quotes that went with an erased participant (the link is gone, the count stays). */
  erased_evidence: Generated<number>
}
/** An anonymous tombstone of a participant's erasure: study, when, by whom, counts per kind; nothing personal. */
export type ParticipantErasureTable = {
  id: Generated<string>
  study_id: string
  erased_by: string | null
  erased_at: CreatedAt
  counts: ColumnType<Record<string, number>, string | undefined, never>
  reason: ColumnType<(typeof ERASURE_REASONS)[number], (typeof ERASURE_REASONS)[number] | undefined, never>
}
/** A participant's request to have their data removed (migrations/0017); goes with the participant. */
export type RemovalRequestTable = {
  id: Generated<string>
  study_id: string
  participant_id: string
  requested_at: Timestamp
  status: ColumnType<'pending' | 'declined', 'pending' | 'declined' | undefined, 'pending' | 'declined'>
  decline_reason: string | null
  decided_by: string | null
  decided_at: Date | null
}
export type FindingOperationalizationTable = {
  id: Generated<string>
  finding_id: string
  survey_id: string
  question_id: string
  metric: string
  claim: Json<unknown>
  sesoi: number
  is_primary: Generated<boolean>
  position: Generated<number>
}
export type CodeTable = {
  id: Generated<string>
  study_id: string
  parent_id: string | null
  name: string
  description: Generated<string>
  colour: Generated<string>
  shortcut: string | null
  position: Generated<number>
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Generated<Date>
}
export type CodingTable = {
  id: string
  study_id: string
  source: string
  entry_id: string | null
  response_id: string | null
  question_id: string | null
  item_index: number | null
  span_start: number
  span_end: number
  quote: string
  touchpoint_id: string | null
  valence: string | null
  coder_id: string | null
  sample_id: string | null
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Generated<Date>
}
export type CodingSampleTable = {
  id: Generated<string>
  study_id: string
  name: string
  share: number
  coder_ids: string[]
  created_at: CreatedAt
  /** Sources erased with their participant (migrations/0018); the agreement counts what is left. */
  erased_sources: Generated<number>
}
export type MessageSendTable = {
  id: Generated<string>
  study_id: string
  kind: string
  survey_id: string | null
  content: ColumnType<unknown, string | undefined, string>
  total: Generated<number>
  created_by: string | null
  created_at: CreatedAt
}
export type SurveyReminderTable = {
  survey_id: string
  enabled: Generated<boolean>
  max_reminders: number
  interval_hours: number
  updated_at: Generated<Date>
}

export type ParticipantTable = {
  id: Generated<string>
  study_id: string
  email: string
  name: Generated<string>
  language: Generated<string>
  persona_id: string | null
  external_ref: Generated<string>
  consent_version: number | null
  consented_at: Date | null
  finished_at: Date | null
  time_zone: string | null
  unsubscribed_at: Date | null
  unsubscribe_reason: 'link' | 'one_click' | 'researcher' | null
  /** Segment attributes for the dashboard's filters, e.g. { customerType: 'new' }. */
  segments: Generated<Record<string, string>>
  created_at: CreatedAt
}
export type ParticipantTokenTable = {
  id: Generated<string>
  participant_id: string
  token_hash: string
  expires_at: Date
  revoked_at: Date | null
  last_used_at: Date | null
  created_at: CreatedAt
  /** The mail this link was minted for; null for a link a researcher made (migrations/0012). */
  mail_message_id: string | null
  /** A newer mail's link replaced it: it opens for a grace period after this, then no longer. */
  replaced_at: Date | null
}
export type ParticipantSessionTable = {
  id: string
  participant_id: string
  token_id: string
  expires_at: Date
  created_at: CreatedAt
}
export type ConsentTextTable = {
  study_id: string
  version: number
  texts: Json<Record<string, string>>
  created_at: CreatedAt
}
export type DiaryTable = {
  study_id: string
  title: string
  instructions: Generated<string>
  starts_on: ColumnType<string, string, string>
  ends_on: ColumnType<string, string, string>
  time_zone: Generated<string>
  prompt_times: Generated<string[]>
  form: Json<Record<string, string>>
  updated_at: Timestamp
}
export type ProposedTouchpointTable = {
  id: Generated<string>
  study_id: string
  description: string
  status: Generated<string>
  touchpoint_id: string | null
  created_at: CreatedAt
  resolved_at: Date | null
}
export type PhotoTable = {
  id: Generated<string>
  participant_id: string
  content_type: string
  bytes: Buffer
  created_at: CreatedAt
}
export type DiaryEntryTable = {
  id: string
  study_id: string
  participant_id: string
  occurred_at: Date
  touchpoint_id: string | null
  proposal_id: string | null
  text: Generated<string>
  emotion: number | null
  valence: string | null
  channel: string | null
  photo_id: string | null
  version: Generated<number>
  deleted_at: Date | null
  created_at: CreatedAt
  updated_at: Timestamp
}
export type ParticipantImportTable = {
  id: Generated<string>
  study_id: string
  status: Generated<string>
  csv: string
  total: Generated<number>
  processed: Generated<number>
  imported: Generated<number>
  errors: ColumnType<{ row: number; message: string }[], string | undefined, string>
  created_by: string | null
  created_at: CreatedAt
  finished_at: Date | null
}
export type SurveyTable = {
  id: Generated<string>
  study_id: string
  title: string
  kind: Generated<string>
  status: Generated<string>
  draft: Json<unknown>
  created_at: CreatedAt
  updated_at: Timestamp
}
export type SurveyVersionTable = {
  survey_id: string
  version: number
  definition: Json<unknown>
  published_at: CreatedAt
}
export type SurveyResponseTable = {
  id: string
  survey_id: string
  version: number
  participant_id: string | null
  link_id: string | null
  anonymous_session_id: string | null
  status: Generated<string>
  started_at: CreatedAt
  updated_at: Timestamp
  completed_at: Date | null
  /** Folded into the dashboard rollups (dashboard.rollup.ts). */
  rolled_up: Generated<boolean>
}
export type SurveyAnswerTable = {
  response_id: string
  question_id: string
  value: Json<unknown>
  answered_at: CreatedAt
}
export type SurveyLinkTable = {
  id: Generated<string>
  survey_id: string
  token_hash: string
  expires_at: Date | null
  max_responses: number | null
  revoked_at: Date | null
  created_at: CreatedAt
}
export type AnonymousSessionTable = { id: string; link_id: string; created_at: CreatedAt }
export type DiaryDB = {
  survey_link: SurveyLinkTable
  anonymous_session: AnonymousSessionTable
  survey_response: SurveyResponseTable
  survey_answer: SurveyAnswerTable
  survey: SurveyTable
  survey_version: SurveyVersionTable
  participant_import: ParticipantImportTable
  participant: ParticipantTable
  participant_token: ParticipantTokenTable
  participant_session: ParticipantSessionTable
  consent_text: ConsentTextTable
  diary: DiaryTable
  proposed_touchpoint: ProposedTouchpointTable
  photo: PhotoTable
  diary_entry: DiaryEntryTable
}

// ---- the check against the migrations ----
/** Whether it may be NULL; a JSON column typed `unknown` here cannot say, and is not asked. */
type Nullable<T> = unknown extends SelectType<T> ? 'unsaid' : null extends SelectType<T> ? true : false
/** Whether an insert may leave the column out (a default, or nullable), as Kysely's Insertable decides. */
type Optional<T> = undefined extends InsertType<T> ? true : null extends InsertType<T> ? true : false
type ColumnProblem<Table extends string, K extends string, H, G> =
  Nullable<H> extends Nullable<G> | 'unsaid'
    ? Optional<H> extends Optional<G>
      ? unknown extends SelectType<H>
        ? never // a JSON column the code does not look into
        : [SelectType<H>] extends [SelectType<G>]
          ? never
          : `${Table}.${K}: the migrations give it another type`
      : `${Table}.${K}: has a default (or not) in the migrations, unlike here`
    : `${Table}.${K}: nullable in the migrations and not here, or the other way round`
type TableProblems<Table extends string, H, G> =
  | { [K in Exclude<keyof H, keyof G> & string]: `${Table}.${K}: no such column in the migrations` }[Exclude<
      keyof H,
      keyof G
    > &
      string]
  | { [K in Exclude<keyof G, keyof H> & string]: `${Table}.${K}: a column of the migrations missing here` }[Exclude<
      keyof G,
      keyof H
    > &
      string]
  | { [K in keyof H & keyof G & string]: ColumnProblem<Table, K, H[K], G[K]> }[keyof H & keyof G & string]
type SchemaProblems = {
  [T in keyof RefinedTables & string]: T extends keyof MigratedDB
    ? TableProblems<T, RefinedTables[T], MigratedDB[T]>
    : `${T}: no such table in the migrations`
}[keyof RefinedTables & string]
/** Compiles only while the refined tables agree with the migrations; else the error lists each difference. */
type NoProblems<P extends never> = P
export type SchemaAgreesWithMigrations = NoProblems<SchemaProblems>
