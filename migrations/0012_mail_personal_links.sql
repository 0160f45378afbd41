-- One live personal link per participant instead of one per mail (a two-week diary with two prompts
-- a day left some 30, each good for 60 days). A link minted for a mail names that mail; links a
-- researcher made (and those minted before this migration) name none and are never replaced.
-- When a mail with a new link has gone out, the participant's older mail links are marked replaced:
-- they still open for an hour (a mail that just arrived keeps working), then no longer. Sessions
-- already opened with them go on: they live in the participant's browser, not in a mailbox.
alter table participant_token
  add column mail_message_id uuid references mail_message (id) on delete set null,
  add column replaced_at timestamptz;
create index participant_token_mail_message_idx on participant_token (mail_message_id);

-- For the message log: how many older links the mail's new one replaced (null: no personal link, or not sent).
alter table mail_message add column links_replaced integer;
