-- Each claim of a mail_message gets its own id. The worker holding a claim renews claimed_at while
-- it renders and sends (a heartbeat), and renewing names the claim, so a worker whose message was
-- taken over (it stalled for longer than the lease) learns it before the SMTP transaction, not after.
alter table mail_message add column claim_id uuid;
