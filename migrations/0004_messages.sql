-- Mail to participants through the outbox (mail_message): invitations, reminders, diary prompts,
-- "you said, we did". Participant mail is rendered when it is sent, so personal and unsubscribe
-- links (random tokens, stored hashed) never sit in the database in the clear.

alter table participant
  add column time_zone text,
  add column unsubscribed_at timestamptz,
  add column unsubscribe_reason text check (unsubscribe_reason in ('link', 'one_click', 'researcher'));

-- One send to many (an invitation round, a feedback message): its progress is counted from its rows.
create table message_send (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references study (id) on delete cascade,
  kind text not null,
  survey_id uuid references survey (id) on delete cascade,
  -- what the analyst wrote (a note above an invitation; the feedback's intro and changes), per language
  content jsonb not null default '{}',
  total integer not null default 0,
  created_by uuid references account (id) on delete set null,
  created_at timestamptz not null default now()
);
create index message_send_study_idx on message_send (study_id, created_at desc, id desc);
create index message_send_survey_idx on message_send (survey_id);
create index message_send_created_by_idx on message_send (created_by);

alter table mail_message
  alter column text_body drop not null,
  alter column html_body drop not null,
  add column study_id uuid references study (id) on delete cascade,
  add column participant_id uuid references participant (id) on delete cascade,
  add column survey_id uuid references survey (id) on delete cascade,
  add column send_id uuid references message_send (id) on delete cascade,
  add column language text,
  add column due_at timestamptz not null default now(),
  -- when it was last handed to the queue (the pump hands over what is due and not handed over lately)
  add column enqueued_at timestamptz,
  -- when a worker claimed it: a claim older than the lease is taken over (the worker died mid-send)
  add column claimed_at timestamptz,
  -- one prompt per participant, day and time; one reminder per participant, survey and number
  add column dedupe_key text unique,
  add column unsubscribe_token_hash text unique,
  -- times an SMTP server accepted it: more than 1 is a duplicate (only possible when a worker died
  -- between the SMTP server's acceptance and the row being marked sent)
  add column deliveries integer not null default 0;

alter table mail_message drop constraint mail_message_status_check;
alter table mail_message add constraint mail_message_status_check check (status in ('queued', 'sending', 'sent', 'failed', 'suppressed'));

create index mail_message_study_idx on mail_message (study_id, created_at desc, id desc);
create index mail_message_participant_idx on mail_message (participant_id, created_at desc, id desc);
create index mail_message_send_idx on mail_message (send_id, status);
create index mail_message_survey_idx on mail_message (survey_id, participant_id);
drop index mail_message_pending_idx;
create index mail_message_due_idx on mail_message (due_at) where status in ('queued', 'sending');

-- Reminders of a survey's invitation.
create table survey_reminder (
  survey_id uuid primary key references survey (id) on delete cascade,
  enabled boolean not null default true,
  max_reminders integer not null check (max_reminders between 1 and 5),
  interval_hours integer not null check (interval_hours between 24 and 336),
  updated_at timestamptz not null default now()
);
