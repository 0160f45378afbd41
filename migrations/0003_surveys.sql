-- Surveys and empathy-map questionnaires: an editable draft, and immutable published versions.

create table survey (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  title text not null,
  kind text not null default 'survey' check (kind in ('survey', 'empathy_map')),
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  draft jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index survey_study_idx on survey (study_id, created_at desc, id desc);

-- Never updated: a response records the version it answered, and that version stays as it was.
create table survey_version (
  survey_id uuid not null references survey (id) on delete cascade,
  version integer not null,
  definition jsonb not null,
  published_at timestamptz not null default now(),
  primary key (survey_id, version)
);
