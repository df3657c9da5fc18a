-- Database roles for an OCR billing account shared on PostgreSQL.
--
-- Run once in the account's database by its owner (a role with CREATEROLE, or a superuser), before
-- `billingctl init` and again after upgrades (it is idempotent):
--     psql "postgresql://admin@HOST:PORT/billing" -f roles.sql
-- It works on the schema the search_path selects (public by default).
--
-- The database user is the identity; membership in one of three NOLOGIN group roles decides what it
-- may do, and the database enforces it:
--   billing_owner    everything: owns the tables, runs `billingctl init` and the schema migrations
--                    (billing-console / billingctl switch to this role while migrating)
--   billing_finance  reads and writes the account's rows: top-ups, purchases, imports, exports. Every
--                    command first catches the account up to now (billing-rules §1), which settles
--                    usage, renews packages and writes ledger, records and notifications, so finance
--                    needs INSERT/UPDATE/DELETE on those tables; it cannot change the schema.
--   billing_analyst  reads only: SELECT. A command that would change the account is refused by the
--                    database and reported as "the database does not allow this user ..." (exit 1).
-- Give people their own login roles and make them members, e.g.
--     CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE billing_finance;

DO $$
DECLARE
    r text;
    s text := current_schema();
BEGIN
    FOREACH r IN ARRAY ARRAY['billing_owner', 'billing_finance', 'billing_analyst'] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- exists already (roles belong to the whole server)
        END;
    END LOOP;
    -- Whoever sets the account up is an owner, so that the default privileges below can be given.
    IF NOT pg_has_role(current_user, 'billing_owner', 'MEMBER') THEN
        EXECUTE format('GRANT billing_owner TO %I', current_user);
    END IF;

    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO billing_owner', s);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO billing_finance, billing_analyst', s);

    -- Tables that exist already.
    EXECUTE format('GRANT ALL ON ALL TABLES IN SCHEMA %I TO billing_owner', s);
    EXECUTE format('GRANT ALL ON ALL SEQUENCES IN SCHEMA %I TO billing_owner', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO billing_finance', s);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO billing_finance', s);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO billing_analyst', s);

    -- Tables that migrations create later (they belong to billing_owner).
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE billing_owner IN SCHEMA %I '
                   'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO billing_finance', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE billing_owner IN SCHEMA %I '
                   'GRANT USAGE, SELECT ON SEQUENCES TO billing_finance', s);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE billing_owner IN SCHEMA %I '
                   'GRANT SELECT ON TABLES TO billing_analyst', s);
END
$$;
