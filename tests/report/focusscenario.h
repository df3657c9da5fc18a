#pragma once

// The accounts the FOCUS export tests read, made through billingctl as a script would, and the exported
// file read back as a table (RFC 4180) keyed by column name.
#include "clirunner.h"

#include <QDir>
#include <QHash>

namespace focustest {

// A demo account (`billingctl demo`): months of realistic usage, packages and renewals.
inline const QString DemoNow = QStringLiteral("2026-10-05T08:00:00+08:00");
inline const QString DemoFrom = QStringLiteral("2026-06");
inline const QString DemoTo = QStringLiteral("2026-10");

// A small account that has what the demo lacks: a refund, a coupon, tagged projects, a late line billed
// in a later month (a Correction) and a package that expired with quota left (an Unused row).
inline const QString ScenarioNow = QStringLiteral("2026-09-15T09:00:00+08:00");
inline const QString ScenarioFrom = QStringLiteral("2025-08");
inline const QString ScenarioTo = QStringLiteral("2026-09");

inline bool makeDemo(const CliRunner &cli)
{
    return cli.run(DemoNow, {"demo", "--months", "3", "--seed", "7"}).exitCode == 0;
}

inline bool makeScenario(const CliRunner &cli)
{
    const QString t0 = QStringLiteral("2025-08-10T09:00:00+08:00");
    const QList<QPair<QString, QStringList>> steps{
        {t0, {"init", "--name", "Scenario, \"Co\""}},
        {t0, {"topup", "2000"}},
        {t0, {"enable", "general-text", "cn-north-4"}},
        {t0, {"enable", "id-card", "cn-north-4"}},
        {t0, {"buy", "general-text", "cn-north-4", "100k"}},
        {t0, {"buy", "id-card", "cn-north-4", "100k", "--effective", "2025-09-01T00:00:00+08:00"}},
        {t0, {"grant-coupon", "10", "--expires", "2025-12-01T00:00:00+08:00"}},
        {"2025-08-10T09:30:00+08:00", {"unsubscribe", "2"}},
    };
    for (const auto &[now, args] : steps)
        if (cli.run(now, args).exitCode != 0)
            return false;
    const QByteArray calls = "timestamp,api,region,status,enterprise_project,count\n"
                             "2025-08-10T10:05:00+08:00,general-text,cn-north-4,200,proj-a,5000\n"
                             "2025-08-10T10:15:00+08:00,id-card,cn-north-4,200,proj-b,1500\n"
                             "2025-08-10T11:15:00+08:00,id-card,cn-north-4,200,proj-a,2500\n";
    const QString noon = QStringLiteral("2025-08-10T12:00:00+08:00");
    // Imported before anything else catches up past their hours (they would be late then).
    if (cli.run(noon, {"import-calls", "-"}, calls).exitCode != 0 ||
        cli.run(noon, {"tag", "proj-a", "finance", "cost center 7"}).exitCode != 0)
        return false;
    // August is final on September 3rd: these calls are billed in October as late usage.
    const QByteArray late = "timestamp,api,region,status,enterprise_project\n"
                            "2025-08-20T10:05:00+08:00,id-card,cn-north-4,200,proj-b\n";
    if (cli.run(QStringLiteral("2025-10-05T09:00:00+08:00"), {"settle"}).exitCode != 0 ||
        cli.run(QStringLiteral("2025-10-05T10:00:00+08:00"), {"import-calls", "-", "--late"}, late)
                .exitCode != 0)
        return false;
    return cli.run(ScenarioNow, {"settle"}).exitCode == 0;
}

// The exported file: its header and rows, each row's fields by column name.
struct Table
{
    QStringList header;
    QList<QHash<QString, QString>> rows;
};

inline QList<QStringList> parseRfc4180(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool pending = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            const bool doubled = c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"';
            if (doubled)
                ++i;
            if (c == u'"' && !doubled)
                inQuotes = false;
            else
                field += c;
            continue;
        }
        pending = true;
        if (c == u'"') {
            inQuotes = true;
        } else if (c == u',') {
            record.append(std::exchange(field, QString()));
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            record.append(std::exchange(field, QString()));
            records.append(std::exchange(record, QStringList()));
            pending = false;
        } else {
            field += c;
        }
    }
    if (pending) {
        record.append(field);
        records.append(record);
    }
    return records;
}

inline Table readTable(const QString &path)
{
    Table t;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QList<QStringList> records = parseRfc4180(QString::fromUtf8(f.readAll()));
    if (records.isEmpty())
        return t;
    t.header = records.first();
    for (qsizetype i = 1; i < records.size(); ++i) {
        QHash<QString, QString> row;
        for (qsizetype c = 0; c < t.header.size() && c < records[i].size(); ++c)
            row.insert(t.header[c], records[i][c]);
        t.rows.append(row);
    }
    return t;
}

// Runs export-focus and reads the file back.
inline Table exportTable(const CliRunner &cli, const QString &now, const QString &from, const QString &to)
{
    const QString out = QDir(cli.dir()).filePath(QStringLiteral("focus-%1-%2.csv").arg(from, to));
    const CliResult r = cli.run(now, {"export-focus", "--from", from, "--to", to, "--out", out});
    if (r.exitCode != 0)
        qWarning("export-focus failed: %s", qPrintable(r.err));
    return readTable(out);
}

} // namespace focustest
