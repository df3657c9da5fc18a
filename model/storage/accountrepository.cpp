#include "storage/accountrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>

namespace billing {

Result<bool> AccountRepository::exists()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM account"));
    if (Status s = execQuery(q, "reading the account"); !s)
        return s.error();
    q.next();
    return q.value(0).toInt() > 0;
}

Result<Account> AccountRepository::load()
{
    // Read at the start of every command and page refresh: prepared once per connection.
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT name, currency, utc_offset_s, created_at, "
                                                "processed_until, balance, state, state_until, released, "
                                                "grace_days, retention_days, low_balance_threshold, "
                                                "quota_alert_percent, next_seq FROM account WHERE id = 1"));
    if (Status s = execQuery(q, "reading the account"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    if (!q.next())
        return Error::refused(QCoreApplication::translate(
            "billing::AccountRepository", "the database holds no account: run \"billingctl init\" first"));
    Account a;
    a.name = q.value(0).toString();
    a.currency = q.value(1).toString();
    a.utcOffsetSeconds = q.value(2).toInt();
    a.createdAt = q.value(3).toLongLong();
    a.processedUntil = q.value(4).toLongLong();
    a.balance = sql::money(q.value(5));
    const auto st = accountStateFromId(q.value(6).toString());
    if (!st)
        return Error::badData(QCoreApplication::translate("billing::AccountRepository",
                                                          "the account has an unknown state \"%1\"")
                                  .arg(q.value(6).toString()));
    a.state = *st;
    a.stateUntil = sql::optInt(q.value(7));
    a.released = q.value(8).toBool();
    a.graceDays = q.value(9).toInt();
    a.retentionDays = q.value(10).toInt();
    a.lowBalanceThreshold = sql::money(q.value(11));
    a.quotaAlertPercent = q.value(12).toInt();
    a.nextSeq = q.value(13).toLongLong();
    return a;
}

Status AccountRepository::insert(const Account &a)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO account (id, name, currency, utc_offset_s, created_at, processed_until) "
                       "VALUES (1, :name, :currency, :offset, :created, :processed)"));
    q.bindValue(QStringLiteral(":name"), a.name);
    q.bindValue(QStringLiteral(":currency"), a.currency);
    q.bindValue(QStringLiteral(":offset"), a.utcOffsetSeconds);
    q.bindValue(QStringLiteral(":created"), a.createdAt);
    q.bindValue(QStringLiteral(":processed"), a.processedUntil);
    if (Status s = execQuery(q, "creating the account"); !s)
        return s;
    return save(a);
}

Status AccountRepository::save(const Account &a)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE account SET name = :name, processed_until = :processed, balance = :balance, state = :state, "
        "state_until = :until, released = :released, grace_days = :grace, retention_days = :retention, "
        "low_balance_threshold = :low, quota_alert_percent = :quota, next_seq = :seq WHERE id = 1"));
    q.bindValue(QStringLiteral(":name"), a.name);
    q.bindValue(QStringLiteral(":processed"), a.processedUntil);
    q.bindValue(QStringLiteral(":balance"), a.balance.units());
    q.bindValue(QStringLiteral(":state"), accountStateId(a.state));
    q.bindValue(QStringLiteral(":until"), sql::opt(a.stateUntil));
    q.bindValue(QStringLiteral(":released"), a.released ? 1 : 0);
    q.bindValue(QStringLiteral(":grace"), a.graceDays);
    q.bindValue(QStringLiteral(":retention"), a.retentionDays);
    q.bindValue(QStringLiteral(":low"), a.lowBalanceThreshold.units());
    q.bindValue(QStringLiteral(":quota"), a.quotaAlertPercent);
    q.bindValue(QStringLiteral(":seq"), a.nextSeq);
    return execQuery(q, "saving the account");
}

Status AccountRepository::storeCatalog(Instant at, const QByteArray &source)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO catalog (loaded_at, source) VALUES (:at, :source)"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":source"), QString::fromUtf8(source));
    return execQuery(q, "storing the price catalog");
}

Result<QByteArray> AccountRepository::catalogSource()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT source FROM catalog ORDER BY id DESC LIMIT 1"));
    if (Status s = execQuery(q, "reading the price catalog"); !s)
        return s.error();
    if (!q.next())
        return Error::badData(
            QCoreApplication::translate("billing::AccountRepository", "the database holds no price catalog"));
    return q.value(0).toString().toUtf8();
}

Status AccountRepository::addStateEvent(Instant at, AccountState state, std::optional<Instant> until)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO state_event (at, state, until_at) VALUES (:at, :state, :until)"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":state"), accountStateId(state));
    q.bindValue(QStringLiteral(":until"), sql::opt(until));
    return execQuery(q, "recording the account state");
}

Result<std::vector<std::pair<Instant, bool>>> AccountRepository::frozenHistory()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT at, state FROM state_event ORDER BY at, id"));
    if (Status s = execQuery(q, "reading the account state history"); !s)
        return s.error();
    std::vector<std::pair<Instant, bool>> out;
    while (q.next())
        out.emplace_back(q.value(0).toLongLong(), q.value(1).toString() == QLatin1String("frozen"));
    return out;
}

} // namespace billing
