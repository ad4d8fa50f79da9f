-- Two database roles. The schema's owner (the role running these migrations) owns every table and
-- runs the migrations, nothing else. The application serves every request as a role of its own,
-- ${appRole} (io.fileparser.schema.SchemaMigrator names it), which must already exist (payara/run
-- creates it; see README, "Database roles") and is neither the owner nor a member of it, so it can
-- never disable a trigger, alter, drop or truncate a table, whatever SQL reaches it.
--
-- It may read and write the rows of every table and use every sequence, of the tables below and of
-- those later migrations create (default privileges of the owner), except:
--   audit_log         read and append only: no UPDATE, DELETE or TRUNCATE, so records stay as written
--                     even with the append-only triggers gone;
--   audit_chain_head  read and move the head (UPDATE, and SELECT ... FOR UPDATE to serialize
--                     appends), never insert, delete or truncate it;
--   the Flyway history  read only (the readiness probe reads the schema version).
-- A later migration that adds a table the application must not change revokes it here the same way.
do $$
declare
    app    name := '${appRole}';
    owner  name := current_user;
    target name := current_schema();
begin
    if not exists (select 1 from pg_roles where rolname = app) then
        raise exception 'the application''s database role % does not exist: create it (LOGIN, not the schema owner % nor a member of it) before migrating', app, owner;
    end if;
    if app = owner or pg_has_role(app, owner, 'MEMBER') then
        raise exception 'the application''s database role % must not be the schema owner % nor a member of it', app, owner;
    end if;
    if exists (select 1 from pg_roles where rolname = app and (rolsuper or rolbypassrls)) then
        raise exception 'the application''s database role % must be neither a superuser nor exempt from row security', app;
    end if;

    execute format('grant connect on database %I to %I', current_database(), app);
    execute format('grant usage on schema %I to %I', target, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', target, app);
    execute format('grant usage, select on all sequences in schema %I to %I', target, app);
    execute format('alter default privileges for role %I in schema %I grant select, insert, update, delete on tables to %I', owner, target, app);
    execute format('alter default privileges for role %I in schema %I grant usage, select on sequences to %I', owner, target, app);

    execute format('revoke update, delete, truncate, references, trigger on audit_log from %I', app);
    execute format('revoke insert, delete, truncate, references, trigger on audit_chain_head from %I', app);
    execute format('revoke insert, update, delete, truncate, references, trigger on %I from %I', '${flyway:table}', app);
end
$$;
