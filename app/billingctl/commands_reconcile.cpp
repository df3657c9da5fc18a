// reconcile FILE... [--month M] [--profile P]: the provider's bill files (or FOCUS files, or the console's
// own exports) against the account, read-only (provider-bills.md §2); exit 0 when every month matches, 1
// when there are differences, 3 when a file cannot be read. reconcile accept MONTH [FILE...] [--note T]:
// marks the month reconciled in the audit log, with the files' hashes and the differences accepted.
#include "commands.h"
#include "engine/context.h"
#include "reconcile/reconciliation.h"
#include "tr.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

namespace billing::cli {

namespace {

ReconcileRequest request(const Call &call, const QStringList &files)
{
    ReconcileRequest r;
    r.files = files;
    r.profile = call.value(QStringLiteral("profile"));
    r.month = call.value(QStringLiteral("month"));
    return r;
}

Status checkFiles(const QStringList &files)
{
    for (const QString &f : files)
        if (const QFileInfo info(f); !info.exists())
            return Error::badUsage(CliTr::tr("reconcile: no file %1").arg(f));
    return {};
}

QJsonObject resultJson(const Reconciliation &r, const BillingCalendar &cal)
{
    QJsonArray files, months;
    for (const BillFileSummary &f : r.files) {
        QJsonArray ignored;
        for (const IgnoredRow &i : f.ignored)
            ignored.append(
                QJsonObject{{QStringLiteral("line"), i.line}, {QStringLiteral("reason"), i.reason}});
        files.append(QJsonObject{{QStringLiteral("path"), f.path},
                                 {QStringLiteral("format"), f.format},
                                 {QStringLiteral("rows"), f.rows},
                                 {QStringLiteral("ignored"), ignored},
                                 {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)}});
    }
    for (const MonthReconciliation &m : r.months) {
        QJsonArray differences;
        for (const Difference &d : m.differences)
            differences.append(differenceJson(d, cal));
        months.append(QJsonObject{{QStringLiteral("month"), m.month},
                                  {QStringLiteral("provider_charged"), m.providerCharged.toString()},
                                  {QStringLiteral("ours_charged"), m.oursCharged.toString()},
                                  {QStringLiteral("difference"), m.difference().toString()},
                                  {QStringLiteral("matched"), m.matched},
                                  {QStringLiteral("reconciled"), m.reconciled},
                                  {QStringLiteral("differences"), differences}});
    }
    return QJsonObject{{QStringLiteral("files"), files}, {QStringLiteral("months"), months}};
}

QString figures(const std::optional<LineFigures> &f)
{
    if (!f)
        return CliTr::tr("none");
    return CliTr::tr("%1 calls, fee %2, charged %3")
        .arg(f->calls)
        .arg(f->fee.toString(Money::Decimals), f->charged.toString());
}

QStringList resultLines(const Reconciliation &r, const BillingCalendar &cal)
{
    QStringList lines;
    for (const BillFileSummary &f : r.files)
        lines << CliTr::tr("%1: %2, %3 row(s), %4 ignored")
                     .arg(f.path, f.format)
                     .arg(f.rows)
                     .arg(f.ignored.size());
    for (const MonthReconciliation &m : r.months) {
        lines << CliTr::tr("%1: provider %2, ours %3, difference %4; %5 line(s) matched, %6 difference(s)%7")
                     .arg(m.month, m.providerCharged.toString(), m.oursCharged.toString(),
                          m.difference().toString())
                     .arg(m.matched)
                     .arg(m.differences.size())
                     .arg(m.reconciled ? CliTr::tr("; reconciled") : QString());
        for (const Difference &d : m.differences) {
            QStringList where{d.key.api, d.key.region, d.key.mode};
            if (d.key.project)
                where << *d.key.project;
            if (d.key.hour != kNoHour)
                where << cal.format(d.key.hour);
            lines << CliTr::tr("  %1 %2: provider %3; ours %4; difference %5")
                         .arg(causeId(d.cause), where.join(u' '), figures(d.provider), figures(d.ours),
                              d.difference.toString());
        }
    }
    return lines;
}

} // namespace

Reply cmdReconcile(Call &call)
{
    const QStringList files = call.positional();
    if (Status s = checkFiles(files); !s)
        return s.error();
    const ReconcileRequest req = request(call, files);
    BillingCalendar cal;
    // After the catch-up every command makes (cli-contract): the month's last hours are settled; the
    // reconciliation itself writes nothing.
    auto r = call.run([&](Context &ctx) -> Result<Reconciliation> {
        cal = ctx.calendar;
        return reconcile(ctx, req);
    });
    if (!r)
        return r.error();
    Output out(resultJson(*r, cal), resultLines(*r, cal));
    if (!r->matches())
        out.failure = Error::refused(CliTr::tr("reconcile: the files and the account differ"));
    return out;
}

Reply cmdReconcileAccept(Call &call)
{
    const QString month = call.at(0);
    const QStringList files = call.positional().mid(1);
    if (Status s = checkFiles(files); !s)
        return s.error();
    const QString note = call.value(QStringLiteral("note"));
    std::optional<Reconciliation> evidence;
    Status s = call.run([&](Context &ctx) -> Status {
        if (!files.isEmpty()) {
            ReconcileRequest req = request(call, files);
            req.month = month;
            auto r = reconcile(ctx, req);
            if (!r)
                return r.error();
            evidence = std::move(*r);
        }
        return acceptReconciliation(ctx, month, note, evidence ? &*evidence : nullptr);
    });
    if (!s)
        return s.error();
    qint64 differences = 0;
    if (evidence)
        for (const MonthReconciliation &m : evidence->months)
            differences += qint64(m.differences.size());
    return Output{QJsonObject{{QStringLiteral("month"), month},
                              {QStringLiteral("reconciled"), true},
                              {QStringLiteral("note"), note},
                              {QStringLiteral("files"), qint64(files.size())},
                              {QStringLiteral("differences_accepted"), differences}},
                  {CliTr::tr("%1 is reconciled; %2 difference(s) accepted.").arg(month).arg(differences)}};
}

} // namespace billing::cli
