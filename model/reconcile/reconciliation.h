#pragma once

// Reconciliation (provider-bills.md §2, cli-contract `reconcile`): the provider's bill files (or FOCUS
// files, or the console's own exports) against the account's records, month by month, at the finest
// grain both sides have; every difference with one cause. Read-only: only accepting a month writes (an
// audit entry). Runs in a worker: progress and cancellation through ReconcileHooks.
#include "core/result.h"
#include "reconcile/billfile.h"

#include <QJsonObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace billing {

struct Context;

enum class Cause {
    OnlyProvider,
    OnlyOurs,
    UsageMissing,
    UsageExtra,
    Price,
    PackageCoverage,
    Timing,
    Rounding
};
inline constexpr std::array<Cause, 8> kCauses{Cause::OnlyProvider, Cause::OnlyOurs, Cause::UsageMissing,
                                              Cause::UsageExtra,   Cause::Price,    Cause::PackageCoverage,
                                              Cause::Timing,       Cause::Rounding};
QString causeId(Cause c);    // "only-provider", ... (cli-contract CAUSE, a machine contract)
QString causeTitle(Cause c); // translated, for people
std::optional<Cause> parseCause(const QString &id);

struct Difference
{
    BillLineKey key;
    std::optional<LineFigures> provider;
    std::optional<LineFigures> ours;
    Money difference; // provider charged − our charged
    Cause cause = Cause::OnlyProvider;
};

struct MonthReconciliation
{
    QString month;
    Money providerCharged;
    Money oursCharged;
    qint64 matched = 0;
    bool reconciled = false; // accepted before (an audit entry)
    std::vector<Difference> differences;
    Money difference() const { return providerCharged - oursCharged; }
};

struct Reconciliation
{
    std::vector<BillFileSummary> files;
    std::vector<MonthReconciliation> months;
    bool matches() const;
};

struct ReconcileRequest
{
    QStringList files;
    QString profile; // a "provider-bill" column profile's name, or empty
    QString month;   // only this month ("YYYY-MM"), or empty for every month the files hold
    ReadLimits limits;
};

struct ReconcileHooks
{
    // Files read of files in all, and the bytes of the current one; false cancels.
    std::function<bool(int file, int files, qint64 done, qint64 total)> progress;
    const std::atomic_bool *cancel = nullptr; // set from another thread to cancel
};

Result<Reconciliation> reconcile(Context &ctx, const ReconcileRequest &request,
                                 const ReconcileHooks &hooks = {});

// Marks `month` reconciled: an audit entry "reconcile-accept" with who and when (the entry's own), the
// files' SHA-256, the differences accepted and the note. Needs Permission::CloseMonth (owner, finance).
// `evidence`: the reconciliation the acceptance rests on (its month must be in it), or none.
Status acceptReconciliation(Context &ctx, const QString &month, const QString &note,
                            const Reconciliation *evidence);

// Whether a month was accepted as reconciled (for the Bills page's mark and the close pack).
Result<bool> monthReconciled(Context &ctx, const QString &month);

// The month's differences as JSON (reconcile --json's "differences" objects) and as CSV for export.
QJsonObject differenceJson(const Difference &d, const BillingCalendar &calendar);
QString differencesCsv(const MonthReconciliation &m, const BillingCalendar &calendar);

} // namespace billing
