-- Virus scanning and per-tenant content policies.

alter table tenants
    add column scan_policy varchar(16) not null default 'reject',
    add column allow_pdf_active_content boolean not null default false,
    add constraint tenants_scan_policy check (scan_policy in ('reject', 'quarantine'));

alter table stored_files
    add column scan_status varchar(16) not null default 'CLEAN',
    add column scan_signature varchar(200),
    add column scanned_at timestamptz,
    add column validation_facts text,
    add constraint stored_files_scan_status check (scan_status in ('PENDING', 'CLEAN', 'INFECTED', 'SKIPPED'));

-- Files waiting for the scanner (it was unreachable when they arrived).
create index stored_files_scan_pending on stored_files (created_at) where scan_status = 'PENDING';

-- A file waiting for the scanner stays in staging until it is found clean (or infected).
alter table stored_files add column staging_key varchar(200);

-- Hex digests as varchar, like every other text column the entities map.
alter table stored_files alter column sha256 type varchar(64);
alter table idempotency_keys alter column request_fingerprint type varchar(64);

-- A quarantined file need not be of a format we parse.
alter table stored_files drop constraint stored_files_format;
alter table stored_files add constraint stored_files_format check (format in ('PDF', 'CSV', 'CDR', 'UNKNOWN'));
alter table jobs drop constraint jobs_format;
alter table jobs add constraint jobs_format check (format in ('PDF', 'CSV', 'CDR', 'UNKNOWN'));
