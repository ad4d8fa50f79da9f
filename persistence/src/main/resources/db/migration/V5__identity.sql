-- Identity: API keys may expire. Past expires_at a key is refused like a revoked one; null never
-- expires. last_used_at (since V1) is now written at most once a minute per key.
alter table api_keys
    add column expires_at timestamptz,
    add constraint api_keys_expires_after_creation check (expires_at is null or expires_at > created_at);
