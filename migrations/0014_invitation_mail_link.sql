-- Team invitation mails are stored without their working link (issue 14). The outbox row keeps the
-- body with a placeholder where the token goes and names its invitation; the link is minted when the
-- mail is sent (a resend mints a new one), and only its hash is kept, next to the hash of the link
-- the inviting admin was shown. Either opens the invitation.
alter table invitation add column mail_token_hash text unique;
alter table mail_message add column invitation_id uuid references invitation (id) on delete cascade;
create index mail_message_invitation_idx on mail_message (invitation_id);
