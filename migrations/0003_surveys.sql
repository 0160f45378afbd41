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

-- The device makes the response id; a resubmit is the same response. It stays on the version it started on.
create table survey_response (
  id uuid primary key,
  survey_id uuid not null references survey (id) on delete cascade,
  version integer not null,
  participant_id uuid references participant (id) on delete cascade,
  status text not null default 'in_progress' check (status in ('in_progress', 'complete')),
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  foreign key (survey_id, version) references survey_version (survey_id, version)
);
create index survey_response_survey_idx on survey_response (survey_id, started_at desc, id desc);
create index survey_response_participant_idx on survey_response (participant_id, survey_id);

-- Long format: one row per answer, never one column per question.
create table survey_answer (
  response_id uuid not null references survey_response (id) on delete cascade,
  question_id text not null,
  value jsonb not null,
  answered_at timestamptz not null default now(),
  primary key (response_id, question_id)
);
-- One response per participant and survey: a second device resumes it rather than starting another.
create unique index survey_response_one_per_participant on survey_response (survey_id, participant_id) where participant_id is not null;

-- Anonymous links: anyone with the link may answer, within its expiry and response limit.
create table survey_link (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references survey (id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz,
  max_responses integer check (max_responses > 0),
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index survey_link_survey_idx on survey_link (survey_id);

-- The browser that opened an anonymous link: its cookie's hash; one response per such browser.
create table anonymous_session (
  id text primary key,
  link_id uuid not null references survey_link (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index anonymous_session_link_idx on anonymous_session (link_id);

alter table survey_response add column link_id uuid references survey_link (id) on delete set null;
alter table survey_response add column anonymous_session_id text references anonymous_session (id) on delete set null;
create index survey_response_link_idx on survey_response (link_id);
create unique index survey_response_one_per_anonymous_session on survey_response (survey_id, anonymous_session_id) where anonymous_session_id is not null;
