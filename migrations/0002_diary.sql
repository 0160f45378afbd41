-- Participants, personal links, consent and the diary (method step 5).

create table participant (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  email text not null check (email = lower(email)),
  name text not null default '',
  language text not null default 'nl' check (language in ('nl', 'en')),
  persona_id uuid references persona (id) on delete set null,
  external_ref text not null default '',
  consent_version integer,
  consented_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  unique (study_id, email)
);
create index participant_study_idx on participant (study_id, created_at desc, id desc);
create index participant_persona_idx on participant (persona_id);

-- Personal links: only the SHA-256 of the token is kept.
create table participant_token (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participant (id) on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now()
);
create index participant_token_participant_idx on participant_token (participant_id);

-- Participant sessions, made when a personal link is opened.
create table participant_session (
  id text primary key,
  participant_id uuid not null references participant (id) on delete cascade,
  token_id uuid not null references participant_token (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index participant_session_participant_idx on participant_session (participant_id);
create index participant_session_token_idx on participant_session (token_id);

-- Each publication is a new version; a participant consents to one version.
create table consent_text (
  study_id uuid not null references study (id) on delete cascade,
  version integer not null,
  texts jsonb not null,
  created_at timestamptz not null default now(),
  primary key (study_id, version)
);

create table diary (
  study_id uuid primary key references study (id) on delete cascade,
  title text not null,
  instructions text not null default '',
  starts_on date not null,
  ends_on date not null,
  time_zone text not null default 'Europe/Amsterdam',
  prompt_times text[] not null default '{}',
  form jsonb not null,
  updated_at timestamptz not null default now(),
  check (ends_on >= starts_on)
);

-- "Something else…": a touchpoint the model missed, for the researcher to accept, merge or reject.
create table proposed_touchpoint (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  description text not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'merged', 'rejected')),
  touchpoint_id uuid references touchpoint (id) on delete set null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index proposed_touchpoint_study_idx on proposed_touchpoint (study_id, status, created_at);
create index proposed_touchpoint_touchpoint_idx on proposed_touchpoint (touchpoint_id);

create table photo (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participant (id) on delete cascade,
  content_type text not null,
  bytes bytea not null,
  created_at timestamptz not null default now()
);
create index photo_participant_idx on photo (participant_id);

-- The id is made by the participant's device: a repeated submit is the same row, never a second one.
create table diary_entry (
  id uuid primary key,
  study_id uuid not null references study (id) on delete cascade,
  participant_id uuid not null references participant (id) on delete cascade,
  occurred_at timestamptz not null,
  touchpoint_id uuid references touchpoint (id) on delete set null,
  proposal_id uuid references proposed_touchpoint (id) on delete set null,
  text text not null default '',
  emotion smallint check (emotion between -3 and 3),
  valence text check (valence in ('pain', 'gain', 'neutral')),
  channel text,
  photo_id uuid references photo (id) on delete set null,
  version integer not null default 1,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index diary_entry_study_idx on diary_entry (study_id, occurred_at desc, id desc);
create index diary_entry_participant_idx on diary_entry (participant_id, occurred_at desc);
create index diary_entry_touchpoint_idx on diary_entry (touchpoint_id);
create index diary_entry_proposal_idx on diary_entry (proposal_id);
create index diary_entry_photo_idx on diary_entry (photo_id);

-- CSV imports of participants run as jobs; progress and per-row errors are kept here for the UI.
create table participant_import (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  csv text not null,
  total integer not null default 0,
  processed integer not null default 0,
  imported integer not null default 0,
  errors jsonb not null default '[]',
  created_by uuid references account (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index participant_import_study_idx on participant_import (study_id, created_at desc);
create index participant_import_created_by_idx on participant_import (created_by);
