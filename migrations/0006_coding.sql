-- The coding workbench: a codebook per study (a tree of codes), and codings: a span of a source
-- (a diary entry, an open answer, an empathy-map item) tied to a touchpoint, a valence and codes,
-- with the quoted text kept as it was. A double-coding sample is coded blind by two researchers.

create table code (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  -- no cascade: a code with children is not deleted by accident
  parent_id uuid references code (id),
  name text not null,
  description text not null default '',
  colour text not null default '#1d5c57',
  shortcut text check (shortcut ~ '^[a-z0-9]$'),
  position integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index code_study_idx on code (study_id, position, id);
create index code_parent_idx on code (parent_id);
-- one name per level, one owner per shortcut key
create unique index code_name_key on code (study_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
create unique index code_shortcut_key on code (study_id, shortcut) where shortcut is not null;

create table coding_sample (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  name text not null,
  share double precision not null check (share > 0 and share <= 1),
  coder_ids uuid[] not null,
  created_at timestamptz not null default now()
);
create index coding_sample_study_idx on coding_sample (study_id, created_at desc);

-- The sources drawn into a sample (by reference).
create table coding_sample_source (
  sample_id uuid not null references coding_sample (id) on delete cascade,
  source text not null,
  primary key (sample_id, source)
);

-- One source per coding, as a foreign key of its own kind, so that deleting (or erasing) the
-- source deletes its codings.
create table coding (
  id uuid primary key,
  study_id uuid not null references study (id) on delete cascade,
  source text not null,
  entry_id uuid references diary_entry (id) on delete cascade,
  response_id uuid,
  question_id text,
  item_index integer,
  foreign key (response_id, question_id) references survey_answer (response_id, question_id) on delete cascade,
  check ((entry_id is not null) <> (response_id is not null)),
  span_start integer not null check (span_start >= 0),
  span_end integer not null check (span_end > span_start),
  quote text not null,
  touchpoint_id uuid references touchpoint (id) on delete set null,
  valence text check (valence in ('pain', 'gain', 'neutral')),
  coder_id uuid references account (id) on delete set null,
  sample_id uuid references coding_sample (id) on delete cascade,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index coding_study_source_idx on coding (study_id, source);
create index coding_entry_idx on coding (entry_id);
create index coding_answer_idx on coding (response_id, question_id);
create index coding_touchpoint_idx on coding (touchpoint_id);
create index coding_coder_idx on coding (coder_id);
create index coding_sample_idx on coding (sample_id, coder_id);

create table coding_code (
  coding_id uuid not null references coding (id) on delete cascade,
  -- no cascade: deleting a code in use asks first (re-map or refuse)
  code_id uuid not null references code (id),
  primary key (coding_id, code_id)
);
create index coding_code_code_idx on coding_code (code_id);
