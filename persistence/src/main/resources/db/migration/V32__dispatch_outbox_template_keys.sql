-- A task message names the published template versions it needs by their Redis key instead of
-- carrying their documents (every system template and every published one of the tenant: 18 KB of
-- a 24 KB message with the eleven system templates alone, and about 1.5 KB more per template of the
-- tenant). The relay makes sure those keys hold their documents before it pushes the message.
-- Space-separated keys; null in messages written before, which carry their documents.
alter table dispatch_outbox add column template_keys text;
