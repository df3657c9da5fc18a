#include "storage/schema.h"

namespace billing::schema {

// Money columns are INTEGER counts of 1e-8 currency units; instants are INTEGER microseconds since
// the Unix epoch. Never REAL.
const std::vector<QStringList> &migrations()
{
    static const std::vector<QStringList> steps = {
        // 1: the whole account model.
        {
            QStringLiteral(R"(CREATE TABLE account (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL,
                currency TEXT NOT NULL,
                utc_offset_s INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                processed_until INTEGER NOT NULL,
                balance INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL DEFAULT 'normal' CHECK (state IN ('normal', 'grace', 'frozen')),
                state_until INTEGER,
                released INTEGER NOT NULL DEFAULT 0,
                grace_days INTEGER NOT NULL DEFAULT 15,
                retention_days INTEGER NOT NULL DEFAULT 15,
                low_balance_threshold INTEGER NOT NULL DEFAULT 0,
                quota_alert_percent INTEGER NOT NULL DEFAULT 10,
                next_seq INTEGER NOT NULL DEFAULT 0))"),
            QStringLiteral(R"(CREATE TABLE catalog (
                id INTEGER PRIMARY KEY,
                loaded_at INTEGER NOT NULL,
                source TEXT NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE coupon (
                id INTEGER PRIMARY KEY,
                amount INTEGER NOT NULL CHECK (amount > 0),
                remaining INTEGER NOT NULL CHECK (remaining >= 0),
                granted_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                api TEXT,
                lapsed INTEGER NOT NULL DEFAULT 0))"),
            QStringLiteral(R"(CREATE TABLE package (
                id INTEGER PRIMARY KEY,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                sku TEXT NOT NULL,
                quota INTEGER NOT NULL CHECK (quota > 0),
                remaining INTEGER NOT NULL,
                price INTEGER NOT NULL,
                purchased_at INTEGER NOT NULL,
                effective_at INTEGER NOT NULL,
                end_at INTEGER NOT NULL,
                cancelled_at INTEGER,
                auto_renew INTEGER NOT NULL DEFAULT 0,
                renew_days INTEGER NOT NULL DEFAULT 7,
                previous_id INTEGER REFERENCES package(id),
                expiry_noted INTEGER NOT NULL DEFAULT 0))"),
            QStringLiteral(R"(CREATE TABLE record (
                id INTEGER PRIMARY KEY,
                type TEXT NOT NULL,
                at INTEGER NOT NULL,
                expenditure_at INTEGER NOT NULL,
                bill_month TEXT NOT NULL,
                api TEXT,
                region TEXT,
                project TEXT,
                mode TEXT,
                package_id INTEGER REFERENCES package(id),
                coupon_id INTEGER REFERENCES coupon(id),
                calls INTEGER NOT NULL DEFAULT 0,
                fee INTEGER NOT NULL DEFAULT 0,
                charged INTEGER NOT NULL DEFAULT 0,
                rounded_off INTEGER NOT NULL DEFAULT 0,
                paid_coupon INTEGER NOT NULL DEFAULT 0,
                paid_cash INTEGER NOT NULL DEFAULT 0,
                arrears INTEGER NOT NULL DEFAULT 0,
                late INTEGER NOT NULL DEFAULT 0,
                fee_remainder INTEGER NOT NULL DEFAULT 0))"),
            QStringLiteral("CREATE INDEX record_month ON record (bill_month, api, region, mode)"),
            QStringLiteral("CREATE INDEX record_at ON record (at)"),
            QStringLiteral(R"(CREATE TABLE record_tier (
                record_id INTEGER NOT NULL REFERENCES record(id),
                tier INTEGER NOT NULL,
                first_position INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                price_per_1000 INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX record_tier_record ON record_tier (record_id)"),
            QStringLiteral(R"(CREATE TABLE ledger (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                cash_delta INTEGER NOT NULL DEFAULT 0,
                balance_after INTEGER NOT NULL,
                coupon_id INTEGER REFERENCES coupon(id),
                coupon_delta INTEGER NOT NULL DEFAULT 0,
                record_id INTEGER REFERENCES record(id),
                package_id INTEGER REFERENCES package(id)))"),
            QStringLiteral("CREATE INDEX ledger_record ON ledger (record_id)"),
            QStringLiteral("CREATE INDEX ledger_package ON ledger (package_id)"),
            QStringLiteral(R"(CREATE TABLE service (
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 0,
                changed_at INTEGER NOT NULL,
                PRIMARY KEY (api, region)))"),
            QStringLiteral(R"(CREATE TABLE service_event (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                enabled INTEGER NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE state_event (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                state TEXT NOT NULL,
                until_at INTEGER))"),
            QStringLiteral(R"(CREATE TABLE pending_call (
                id INTEGER PRIMARY KEY,
                ts INTEGER NOT NULL,
                settle_hour INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                project TEXT NOT NULL,
                status INTEGER NOT NULL,
                count INTEGER NOT NULL,
                late INTEGER NOT NULL DEFAULT 0))"),
            QStringLiteral("CREATE INDEX pending_call_hour ON pending_call (settle_hour)"),
            QStringLiteral(R"(CREATE TABLE usage_hour (
                hour INTEGER NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                project TEXT NOT NULL,
                status INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                late INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                PRIMARY KEY (hour, api, region, project, status, outcome, late)))"),
            QStringLiteral(R"(CREATE TABLE tier_counter (
                month TEXT NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                calls INTEGER NOT NULL,
                PRIMARY KEY (month, api, region)))"),
            QStringLiteral(R"(CREATE TABLE import_file (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                name TEXT NOT NULL,
                content_hash TEXT NOT NULL UNIQUE,
                records INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                late INTEGER NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE closed_month (
                month TEXT PRIMARY KEY,
                closed_at INTEGER NOT NULL,
                records INTEGER NOT NULL,
                fee INTEGER NOT NULL,
                charged INTEGER NOT NULL,
                rounded_off INTEGER NOT NULL,
                paid_coupon INTEGER NOT NULL,
                paid_cash INTEGER NOT NULL,
                arrears INTEGER NOT NULL,
                calls INTEGER NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE notification (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                args TEXT NOT NULL,
                dedupe_key TEXT UNIQUE,
                is_read INTEGER NOT NULL DEFAULT 0))"),
        },
        // 2: cost tags that users put on enterprise projects (billing-rules §10, allocation by tag).
        {
            QStringLiteral(R"(CREATE TABLE project_tag (
                project TEXT NOT NULL,
                tag TEXT NOT NULL,
                PRIMARY KEY (project, tag)))"),
        },
        // 3: the audit log, append-only and hash-chained; the account keeps the chain's head so that
        // removing the newest entry is detected too.
        {
            QStringLiteral(R"(CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                before_state TEXT NOT NULL,
                after_state TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL))"),
            QStringLiteral("ALTER TABLE account ADD COLUMN audit_head TEXT NOT NULL DEFAULT ''"),
        },
        // 4: monthly budgets and the threshold alerts already fired (billing-rules §10, budgets).
        {
            QStringLiteral(R"(CREATE TABLE budget (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                amount INTEGER NOT NULL CHECK (amount > 0),
                actual_thresholds TEXT NOT NULL,
                forecast_thresholds TEXT NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE budget_alert (
                budget_id INTEGER NOT NULL,
                month TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')),
                fired_at INTEGER NOT NULL,
                PRIMARY KEY (budget_id, month, threshold, kind)))"),
        },
        // 5: pending calls as one compact batch per settlement hour and import instead of a row per call,
        // and a tier breakdown of one row per tier (first and last position) instead of one per run of
        // consecutive positions (performance.md P1).
        {
            QStringLiteral(R"(CREATE TABLE pending_batch (
                id INTEGER PRIMARY KEY,
                settle_hour INTEGER NOT NULL,
                calls BLOB NOT NULL))"),
            QStringLiteral("CREATE INDEX pending_batch_hour ON pending_batch (settle_hour)"),
            // One b-tree per table instead of a table and an index: these take a row per line and hour.
            QStringLiteral(R"(CREATE TABLE record_tier_v5 (
                record_id INTEGER NOT NULL REFERENCES record(id),
                tier INTEGER NOT NULL,
                first_position INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                price_per_1000 INTEGER NOT NULL,
                last_position INTEGER,
                PRIMARY KEY (record_id, first_position)) WITHOUT ROWID)"),
            QStringLiteral(
                "INSERT INTO record_tier_v5 (record_id, tier, first_position, calls, price_per_1000) "
                "SELECT record_id, tier, first_position, calls, price_per_1000 FROM record_tier"),
            QStringLiteral("DROP TABLE record_tier"),
            QStringLiteral("ALTER TABLE record_tier_v5 RENAME TO record_tier"),
            QStringLiteral(R"(CREATE TABLE usage_hour_v5 (
                hour INTEGER NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                project TEXT NOT NULL,
                status INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                late INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                PRIMARY KEY (hour, api, region, project, status, outcome, late)) WITHOUT ROWID)"),
            QStringLiteral("INSERT INTO usage_hour_v5 SELECT hour, api, region, project, status, outcome, "
                           "late, calls FROM usage_hour"),
            QStringLiteral("DROP TABLE usage_hour"),
            QStringLiteral("ALTER TABLE usage_hour_v5 RENAME TO usage_hour"),
        },
        // 6: the account's members and their roles (SQLite mode; an empty table means single-user, everyone
        // is owner). PostgreSQL maps roles to database grants instead.
        {
            QStringLiteral(R"(CREATE TABLE account_member (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('owner', 'finance', 'analyst')),
                since INTEGER NOT NULL))"),
        },
        // 7: cost views and the overview ask for the charges of a period by expenditure time
        // (performance.md P2, P4); without an index each scanned every record of the account.
        {
            QStringLiteral("CREATE INDEX record_expenditure ON record (expenditure_at)"),
        },
        // 8: the cash view and the overview read the late usage lines settled since a period began
        // (performance.md P4); they are few, but finding them by `at` alone meant visiting every
        // record settled since then. A partial index holds only the late lines.
        {
            QStringLiteral("CREATE INDEX record_late ON record (at) WHERE late = 1"),
        },
        // 9: row seals (billing-decisions.md, "Row seals"): a hash chain over the transaction records, tier
        // rows and ledger entries each write transaction stored, so that verify sees any later change to
        // content no rule can check. Seal 0 marks the rows written before this step: they are not sealed.
        {
            QStringLiteral(R"(CREATE TABLE row_seal (
                id INTEGER PRIMARY KEY,
                record_to INTEGER NOT NULL,
                ledger_to INTEGER NOT NULL,
                records INTEGER NOT NULL,
                tiers INTEGER NOT NULL,
                ledger_entries INTEGER NOT NULL,
                records_hash TEXT NOT NULL,
                tiers_hash TEXT NOT NULL,
                ledger_hash TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL))"),
            QStringLiteral("INSERT INTO row_seal (id, record_to, ledger_to, records, tiers, ledger_entries, "
                           "records_hash, tiers_hash, ledger_hash, prev_hash, hash) SELECT 0, "
                           "(SELECT coalesce(max(id), 0) FROM record), (SELECT coalesce(max(id), 0) FROM "
                           "ledger), 0, 0, 0, '', '', '', '', ''"),
            QStringLiteral("ALTER TABLE account ADD COLUMN seal_head TEXT NOT NULL DEFAULT ''"),
        },
        // 10: named column profiles for files in other layouts (call logs; provider bill files), each
        // its JSON definition (model/mapping/columnprofile.h).
        {
            QStringLiteral(R"(CREATE TABLE column_profile (
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                definition TEXT NOT NULL,
                saved_at INTEGER NOT NULL,
                PRIMARY KEY (kind, name)))"),
        },
        // 11: budget scopes (billing-rules §10, "Budget scope"): the values a budget is limited to, a row per
        // (dimension, value); a budget without rows is account-wide, as every budget before this step.
        // A threshold alerts once per month per scope: the scope's key joins budget_alert's key ('' is
        // the whole account, so the alerts already recorded keep their meaning).
        {
            QStringLiteral(R"(CREATE TABLE budget_scope (
                budget_id INTEGER NOT NULL,
                dimension TEXT NOT NULL CHECK (dimension IN ('api', 'region', 'project', 'tag')),
                value TEXT NOT NULL,
                PRIMARY KEY (budget_id, dimension, value)))"),
            QStringLiteral(R"(CREATE TABLE budget_alert_v11 (
                budget_id INTEGER NOT NULL,
                scope TEXT NOT NULL,
                month TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')),
                fired_at INTEGER NOT NULL,
                PRIMARY KEY (budget_id, scope, month, threshold, kind)))"),
            QStringLiteral(
                "INSERT INTO budget_alert_v11 (budget_id, scope, month, threshold, kind, fired_at) "
                "SELECT budget_id, '', month, threshold, kind, fired_at FROM budget_alert"),
            QStringLiteral("DROP TABLE budget_alert"),
            QStringLiteral("ALTER TABLE budget_alert_v11 RENAME TO budget_alert"),
        },
        // 12: renew as another size (billing-rules §6): the size auto-renew renews a package as; NULL is
        // the package's own size.
        {
            QStringLiteral("ALTER TABLE package ADD COLUMN renew_sku TEXT"),
        },
        // 13: spend guards (billing-rules §13): a scope (api, region; NULL is every one), a trigger with its
        // amount, and the state as of the last check. Checked in id order (§12.19); a name is one guard.
        {
            QStringLiteral(R"(CREATE TABLE guard (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                api TEXT,
                region TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('month-cost', 'balance-floor')),
                amount INTEGER NOT NULL CHECK (amount > 0),
                state TEXT NOT NULL DEFAULT 'armed' CHECK (state IN ('armed', 'fired')),
                fired_at INTEGER,
                created_at INTEGER NOT NULL))"),
        },
        // 14: cost rollups (storage/costrollup.h, performance.md P2y): the sums of the cost analysis per
        // hour, day and month (grain 0, 1, 2; 3: per hour and API alone) and view (cost_view 0 cash, 1
        // amortized), kept in the transaction that writes the records; per package the calls covered and
        // the parts given so far.
        // Database::migrate builds them from the records already there. IF NOT EXISTS: tests that take a
        // database back to an older version run this step again over the tables.
        {
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS cost_rollup (
                grain INTEGER NOT NULL,
                cost_view INTEGER NOT NULL,
                bucket INTEGER NOT NULL,
                api TEXT NOT NULL,
                region TEXT NOT NULL,
                project TEXT NOT NULL,
                mode TEXT NOT NULL,
                package_id INTEGER NOT NULL,
                calls INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                PRIMARY KEY (grain, cost_view, bucket, api, region, project, mode, package_id)) WITHOUT ROWID)"),
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS cost_rollup_package (
                package_id INTEGER NOT NULL,
                used INTEGER NOT NULL,
                allocated INTEGER NOT NULL,
                PRIMARY KEY (package_id)))"),
        },
    };
    return steps;
}

} // namespace billing::schema
