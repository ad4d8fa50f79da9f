-- Tenants administered by the platform operator through the API: switched off and on, and a cap of
-- their own on concurrent uploads where the tier's does not fit.

alter table tenants
    -- A disabled tenant's callers are refused on every request and its work is not dispatched.
    add column enabled boolean not null default true,
    -- Uploads streaming at once; null: the tier's cap.
    add column max_concurrent_uploads integer,
    -- When the operator last changed the tenant; null: never.
    add column updated_at timestamptz,
    add constraint tenants_max_concurrent_uploads check (max_concurrent_uploads between 1 and 10000);
