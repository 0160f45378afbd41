-- The pump looks for rows that are due and were never handed to the queue. Without an index of
-- exactly those, each batch of a large send scanned past every row handed over before it
-- (100,000 invitations took 24-28 s to enqueue; the target is 30 s).
create index mail_message_unhanded_idx on mail_message (due_at) where status = 'queued' and enqueued_at is null;
-- …and for the rows of a worker that died mid-send.
create index mail_message_claimed_idx on mail_message (claimed_at) where status = 'sending';
