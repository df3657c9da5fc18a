#pragma once

// What reconciliation (provider-bills.md §2) reads of the account: the charges of a bill month summed at
// the grain a bill file has, and the months accepted as reconciled (audit entries "reconcile-accept").
#include "core/result.h"
#include "reconcile/billfile.h"

#include <QJsonObject>

#include <map>

namespace billing {

class Database;

class ReconcileRepository
{
public:
    explicit ReconcileRepository(Database &db) : m_db(db) {}

    // The charges (usage, purchases, renewals, refunds) of `month` keyed by (API, region, mode), and by
    // project and hour of the expenditure time when asked; handed to sink one record at a time (several
    // may share a key: the sink sums them).
    Status ourLines(const QString &month, bool byHour, bool byProject, const LineSink &sink);

    // Every accepted month ("YYYY-MM") with the latest acceptance's audit content.
    Result<std::map<QString, QJsonObject>> acceptedMonths();
    Result<bool> isReconciled(const QString &month);

    static QString acceptAction() { return QStringLiteral("reconcile-accept"); }
    static QString acceptSubject(const QString &month) { return QStringLiteral("month %1").arg(month); }

private:
    Database &m_db;
};

} // namespace billing
