-- Findings: a statement from the qualitative strand, the codings that back it, and how the survey
-- checks it (analysis.md §5): one or more operationalizations, at most one primary.

create table finding (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  statement text not null,
  meta_inference text not null default '',
  version integer not null default 1,
  created_by uuid references account (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index finding_study_idx on finding (study_id, created_at);
create index finding_created_by_idx on finding (created_by);

create table finding_touchpoint (
  finding_id uuid not null references finding (id) on delete cascade,
  touchpoint_id uuid not null references touchpoint (id) on delete cascade,
  primary key (finding_id, touchpoint_id)
);
create index finding_touchpoint_touchpoint_idx on finding_touchpoint (touchpoint_id);

create table finding_persona (
  finding_id uuid not null references finding (id) on delete cascade,
  persona_id uuid not null references persona (id) on delete cascade,
  primary key (finding_id, persona_id)
);
create index finding_persona_persona_idx on finding_persona (persona_id);

-- the evidence: a coding erased with its source leaves the finding
create table finding_evidence (
  finding_id uuid not null references finding (id) on delete cascade,
  coding_id uuid not null references coding (id) on delete cascade,
  primary key (finding_id, coding_id)
);
create index finding_evidence_coding_idx on finding_evidence (coding_id);

create table finding_operationalization (
  id uuid primary key default gen_random_uuid(),
  finding_id uuid not null references finding (id) on delete cascade,
  survey_id uuid not null references survey (id) on delete cascade,
  question_id text not null,
  metric text not null check (metric in ('top2box', 'bottom2box', 'mean', 'nps', 'detractor_share')),
  claim jsonb not null,
  sesoi double precision not null check (sesoi >= 0),
  is_primary boolean not null default false,
  position integer not null default 0
);
create index finding_operationalization_finding_idx on finding_operationalization (finding_id, position);
create index finding_operationalization_survey_idx on finding_operationalization (survey_id);
create unique index finding_one_primary on finding_operationalization (finding_id) where is_primary;
