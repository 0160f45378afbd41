-- Tenancy, analyst accounts and sessions, and the journey model (method steps 1-4).

create table organization (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

-- "user" is reserved in PostgreSQL: analysts log in with an account.
create table account (
  id uuid primary key default gen_random_uuid(),
  email text not null check (email = lower(email)),
  name text not null,
  password_hash text not null,
  language text not null default 'en' check (language in ('nl', 'en')),
  created_at timestamptz not null default now()
);
create unique index account_email_key on account (email);

create table membership (
  organization_id uuid not null references organization (id) on delete cascade,
  account_id uuid not null references account (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'researcher', 'analyst', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (organization_id, account_id)
);
create index membership_account_idx on membership (account_id);

-- id is the SHA-256 of the cookie value: a leaked table does not yield usable sessions.
create table session (
  id text primary key,
  account_id uuid not null references account (id) on delete cascade,
  organization_id uuid not null references organization (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index session_account_idx on session (account_id);
create index session_organization_idx on session (organization_id);

create table invitation (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organization (id) on delete cascade,
  email text not null check (email = lower(email)),
  role text not null check (role in ('owner', 'admin', 'researcher', 'analyst', 'viewer')),
  token_hash text not null unique,
  invited_by uuid references account (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitation_organization_idx on invitation (organization_id, created_at desc);
create index invitation_invited_by_idx on invitation (invited_by);

create table audit_log (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid references organization (id) on delete cascade,
  actor_id uuid references account (id) on delete set null,
  actor_email text,
  action text not null,
  subject text,
  detail jsonb not null default '{}',
  ip text,
  at timestamptz not null default now()
);
create index audit_log_organization_idx on audit_log (organization_id, at desc, id desc);
create index audit_log_actor_idx on audit_log (actor_id);
create index audit_log_failed_login_idx on audit_log (actor_email, at) where action = 'auth.login_failed';

create table study (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organization (id) on delete cascade,
  title text not null,
  goal text not null default '',
  loyalty_metrics text[] not null default '{}'
    check (loyalty_metrics <@ array['buy_more', 'stay_longer', 'recommend']),
  scope text not null default '',
  customer_job text not null default '',
  languages text[] not null default '{nl,en}'
    check (languages <@ array['nl', 'en'] and cardinality(languages) >= 1),
  status text not null default 'draft' check (status in ('draft', 'live', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index study_organization_idx on study (organization_id, created_at desc, id desc);

create table persona (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  name text not null,
  description text not null default '',
  attributes jsonb not null default '{}',
  dmu_role text check (dmu_role in ('decider', 'buyer', 'user', 'influencer', 'gatekeeper')),
  position integer not null,
  created_at timestamptz not null default now()
);
create index persona_study_idx on persona (study_id, position, id);

create table stage (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  name text not null,
  description text not null default '',
  position integer not null,
  created_at timestamptz not null default now(),
  unique (study_id, id)
);
create index stage_study_idx on stage (study_id, position, id);

create table touchpoint (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  stage_id uuid not null,
  name text not null,
  description text not null default '',
  channel text not null default 'web',
  kind text not null default 'direct' check (kind in ('direct', 'indirect')),
  owner_department text not null default '',
  moment_of_truth boolean not null default false,
  origin text not null default 'model' check (origin in ('model', 'research')),
  position integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- a touchpoint can only sit in a stage of its own study
  foreign key (study_id, stage_id) references stage (study_id, id)
);
create index touchpoint_study_idx on touchpoint (study_id, position, id);
create index touchpoint_stage_idx on touchpoint (stage_id, position, id);

-- The outbox: written in the same transaction as the change that causes the mail; the queue job
-- carries only the id, and the worker claims the row before it sends.
create table mail_message (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid references organization (id) on delete cascade,
  kind text not null,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  provider_id text,
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_message_organization_idx on mail_message (organization_id, created_at desc);
create index mail_message_pending_idx on mail_message (created_at) where status in ('queued', 'sending');
