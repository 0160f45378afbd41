-- The journey dashboard reads pre-aggregated survey figures (issue 7: p95 ≤ 300 ms over 1M responses).
-- Every dashboard figure from the survey is a function of value counts, because the rated items
-- (CSAT 1–5, emotion −3…+3, NPS 0–10) are discrete: means, SDs, top-2-box, the NPS split, and, from
-- the joint counts of a touchpoint's CSAT with the NPS in the same response, Spearman's ρ with
-- midranks and the NPS of the satisfied vs the dissatisfied. So the rollups are exact, not samples.
-- Completing a response only leaves it unfolded (`rolled_up` false); the worker folds such responses
-- into the rollups in batches every few seconds, and the dashboard adds the unfolded tail live, so
-- what it shows is current to the last answer while the participant's submit stays one statement
-- (dashboard.rollup.ts).

-- Segment attributes of a participant (e.g. {"customerType": "new"}), for the dashboard's filters.
alter table participant add column segments jsonb not null default '{}';
create index participant_segments_idx on participant using gin (segments jsonb_path_ops);

alter table survey_response add column rolled_up boolean not null default false;
create index survey_response_unrolled_idx on survey_response (survey_id) where status = 'complete' and not rolled_up;

-- Every count is kept twice, per day and per month (`grain`): a period filter reads whole months
-- from the month rows and only the days at its edges from the day rows, so reading stays small
-- however long the study runs.
-- Keyed by study, not by survey: the dashboard sums over a study's surveys, and a survey in the
-- key would multiply the rows to read by the number of waves. Deleting a survey unfolds its
-- responses first (surveys.service.ts).
create table survey_rollup (
  study_id uuid not null references study (id) on delete cascade,
  -- null: about the journey as a whole (the NPS question)
  touchpoint_id uuid,
  type text not null check (type in ('csat', 'emotion', 'nps')),
  persona_id uuid,
  grain text not null check (grain in ('day', 'month')),
  -- the day the questionnaire was completed, UTC (month rows: the first of the month)
  day date not null,
  value smallint not null,
  n integer not null,
  unique nulls not distinct (study_id, grain, touchpoint_id, type, persona_id, day, value)
);

-- Completed questionnaires, for the "based on n" of the survey figures.
create table survey_response_rollup (
  study_id uuid not null references study (id) on delete cascade,
  persona_id uuid,
  grain text not null check (grain in ('day', 'month')),
  day date not null,
  n integer not null,
  unique nulls not distinct (study_id, grain, persona_id, day)
);

-- Joint counts of a touchpoint's CSAT and the NPS answer of the same response.
create table survey_pair_rollup (
  study_id uuid not null references study (id) on delete cascade,
  touchpoint_id uuid not null,
  persona_id uuid,
  grain text not null check (grain in ('day', 'month')),
  day date not null,
  csat smallint not null,
  nps smallint not null,
  n integer not null,
  unique nulls not distinct (study_id, grain, touchpoint_id, persona_id, day, csat, nps)
);

