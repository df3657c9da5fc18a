#pragma once

#include "money/money.h"

#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace billing::sql {

inline QVariant opt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}
inline QVariant text(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}
inline std::optional<qint64> optInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}
inline Money money(const QVariant &v)
{
    return Money::fromUnits(v.toLongLong());
}

// Finishes a cached statement (Database::prepared) however the reading ends: one left mid-result would
// pin the connection's read snapshot past the commit, and the connection would then not see what another
// connection (a worker's import) writes later.
struct FinishOnExit
{
    QSqlQuery &query;
    ~FinishOnExit() { query.finish(); }
};

} // namespace billing::sql
