-- The cleanup of abandoned staging asks which old staging keys a file waiting for the scanner still
-- names; only those files have a staging key, so the index holds only them.
create index stored_files_staging_key on stored_files (staging_key) where staging_key is not null;
