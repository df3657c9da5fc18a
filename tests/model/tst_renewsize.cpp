// Renew as another size (issue #16, billing-rules §6): `renew ID --sku S` and `auto-renew ID on --sku S`.
// The next term is size S of the same API and region, at S's price and with S's quota; a size set for
// auto-renew applies to every attempt until changed. Runs on SQLite and, as tst_renewsize_pg, PostgreSQL.
#include "engine/accountstatus.h"
#include "engine/auditlog.h"
#include "engine/funds.h"
#include "engine/notifications.h"
#include "engine/notificationtext.h"
#include "engine/packages.h"
#include "engine/renewalcalendar.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace billing;
using test::at;

namespace {
const QString kText = QStringLiteral("general-text");
const QString kBeijing = QStringLiteral("cn-north-4");

Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

AccountStatus status(test::TestAccount &acc)
{
    auto st = acc.run([](Context &c) { return accountStatus(c); });
    if (!st)
        qFatal("status: %s", qPrintable(st.error().message));
    return *st;
}

bool topUp(test::TestAccount &acc, const char *amount)
{
    return acc.run([&](Context &c) { return funds::topUp(c, money(amount)); }).ok();
}

Package buy(test::TestAccount &acc, const char *sku, bool autoRenew = false)
{
    packages::BuyRequest req;
    req.api = kText;
    req.region = kBeijing;
    req.sku = QString::fromLatin1(sku);
    req.autoRenew = autoRenew;
    auto p = acc.run([&](Context &c) { return packages::buy(c, req); });
    if (!p)
        qFatal("buy: %s", qPrintable(p.error().message));
    return p->front();
}

Result<Package> renew(test::TestAccount &acc, qint64 id, const char *sku)
{
    return acc.run([&](Context &c) { return packages::renew(c, id, QString::fromLatin1(sku)); });
}

Result<Package> autoRenew(test::TestAccount &acc, qint64 id, bool on, std::optional<QString> sku)
{
    return acc.run([&](Context &c) { return packages::setAutoRenew(c, id, on, std::nullopt, sku); });
}

std::vector<Notification> notifications(test::TestAccount &acc, const char *kind)
{
    auto all = acc.run([](Context &c) { return listNotifications(c); });
    if (!all)
        qFatal("notifications: %s", qPrintable(all.error().message));
    std::vector<Notification> out;
    for (const Notification &n : *all)
        if (n.kind == QLatin1String(kind))
            out.insert(out.begin(), n); // oldest first
    return out;
}

QStringList findings(test::TestAccount &acc)
{
    auto f = acc.run([](Context &c) { return verifyAccount(c); });
    return f ? *f : QStringList{f.error().message};
}

// ok() that says why not (QVERIFY2 would evaluate the message of a success too).
template <typename R> bool ok(const R &r)
{
    if (!r.ok())
        qWarning("%s", qPrintable(r.error().message));
    return r.ok();
}

AuditEntry lastAudit(test::TestAccount &acc, const char *action)
{
    auto page = acc.run([&](Context &c) {
        return auditPage(c, AuditFilter{QString::fromLatin1(action), {}, {}, {}}, 0, 1);
    });
    if (!page || page->empty())
        qFatal("no audit entry %s", action);
    return page->front();
}
} // namespace

class TestRenewSize : public QObject
{
    Q_OBJECT
private slots:
    void renewsAsABiggerSize()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "10000"));
        const Package first = buy(acc, "1m"); // 1,000 × 1.50 × 0.80 = 1,200.00
        QCOMPARE(first.price, money("1200"));
        auto quote =
            acc.run([&](Context &c) { return packages::quoteRenew(c, first.id, QStringLiteral("5m")); });
        QVERIFY(quote.ok() && !quote->refusal);
        QCOMPARE(quote->total, money("5625")); // 5,000 × 1.50 × 0.75
        QCOMPARE(quote->balanceAfter, money("3175"));
        auto next = renew(acc, first.id, "5m");
        QVERIFY(ok(next));
        QCOMPARE(next->sku, QStringLiteral("5m"));
        QCOMPARE(next->api, kText);
        QCOMPARE(next->region, kBeijing);
        QCOMPARE(next->quota, qint64(5'000'000));
        QCOMPARE(next->remaining, qint64(5'000'000));
        QCOMPARE(next->price, money("5625"));
        QCOMPARE(next->previousId, std::optional<qint64>(first.id));
        // The term is a renewal's: the day after the current term's end, for one year (§6).
        QCOMPARE(next->effectiveAt, at("2027-10-02T00:00:00+08:00"));
        QCOMPARE(next->lastSecond(), at("2028-10-01T23:59:59+08:00"));
        QCOMPARE(next->effectiveAt, quote->effective);
        QCOMPARE(next->lastSecond(), quote->expires);
        const AccountStatus st = status(acc);
        QCOMPARE(st.account.balance, money("3175"));
        QCOMPARE(st.packages.size(), size_t(2));
        QCOMPARE(st.packages.front().sku, QStringLiteral("1m")); // the current term is unchanged
        // Audited like any renewal, with the size it bought.
        const AuditEntry a = lastAudit(acc, "renew");
        QCOMPARE(a.subject, QStringLiteral("package %1").arg(first.id));
        QCOMPARE(a.after.value(QStringLiteral("sku")).toString(), QStringLiteral("5m"));
        QCOMPARE(a.after.value(QStringLiteral("price")).toString(), QStringLiteral("5625.00"));
        QVERIFY2(findings(acc).isEmpty(), qPrintable(findings(acc).join(u'\n')));
    }

    void renewsAsASmallerSizeAfterAPaidNextTerm()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "5000"));
        const Package first = buy(acc, "1m");
        auto second = renew(acc, first.id, "1m"); // the same size, said explicitly
        QVERIFY(second.ok());
        QCOMPARE(second->price, money("1200"));
        // Renewing a term that already has a paid next term extends after that one, at the new size.
        auto third = renew(acc, first.id, "100k");
        QVERIFY(ok(third));
        QCOMPARE(third->sku, QStringLiteral("100k"));
        QCOMPARE(third->quota, qint64(100'000));
        QCOMPARE(third->price, money("127.50"));
        QCOMPARE(third->previousId, std::optional<qint64>(second->id));
        QCOMPARE(third->effectiveAt, at("2028-10-02T00:00:00+08:00"));
        QCOMPARE(status(acc).account.balance, money("2472.50")); // 5,000 − 2 × 1,200 − 127.50
        // A plain renewal follows the size of the term it follows: the last one, 100k.
        auto fourth = acc.run([&](Context &c) { return packages::renew(c, first.id); });
        QVERIFY(fourth.ok());
        QCOMPARE(fourth->sku, QStringLiteral("100k"));
        QVERIFY(findings(acc).isEmpty());
    }

    void refusesWhatIsNoSizeOfThisPackageAndChangesNothing()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "2000"));
        const Package first = buy(acc, "100k", true);
        const AccountStatus before = status(acc);
        struct Case
        {
            const char *sku;
            const char *mentions;
        } cases[] = {
            {"general-table", "names another API (general-table)"},
            {"passport 1m", "names another API (passport)"},
            {"2m", "unknown package size \"2m\""},
            {"", "unknown package size"},
        };
        for (const Case &c : cases) {
            auto r = renew(acc, first.id, c.sku);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::BadUsage);
            QVERIFY2(r.error().message.contains(QLatin1String(c.mentions)), qPrintable(r.error().message));
            QVERIFY2(r.error().message.contains(QLatin1String("100k, 1m, 5m, 10m")),
                     qPrintable(r.error().message));
            auto q = acc.run([&](Context &ctx) {
                return packages::quoteRenew(ctx, first.id, QString::fromLatin1(c.sku));
            });
            QVERIFY(!q.ok());
            auto a = autoRenew(acc, first.id, true, QString::fromLatin1(c.sku));
            QVERIFY(!a.ok());
            QCOMPARE(a.error().code, ErrorCode::BadUsage);
        }
        // A size goes with switching auto-renew on.
        auto off = autoRenew(acc, first.id, false, QStringLiteral("1m"));
        QVERIFY(!off.ok());
        QCOMPARE(off.error().code, ErrorCode::BadUsage);
        // A size the balance cannot pay is refused by rule, and leaves nothing behind.
        auto dear = renew(acc, first.id, "10m");
        QVERIFY(!dear.ok());
        QCOMPARE(dear.error().code, ErrorCode::Refused);
        QVERIFY2(dear.error().message.contains(QLatin1String("10500.00")), qPrintable(dear.error().message));
        const AccountStatus after = status(acc);
        QCOMPARE(after.account.balance, before.account.balance);
        QCOMPARE(after.packages.size(), before.packages.size());
        QVERIFY(after.packages.front().autoRenew);
        QVERIFY(!after.packages.front().renewSku);
    }

    void autoRenewChainKeepsTheSizeSet()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "3000"));
        const Package first = buy(acc, "100k");
        auto set = autoRenew(acc, first.id, true, QStringLiteral("1m"));
        QVERIFY(ok(set));
        QVERIFY(set->autoRenew);
        QCOMPARE(set->renewSku, std::optional<QString>(QStringLiteral("1m")));
        QCOMPARE(set->autoRenewSku(), QStringLiteral("1m"));
        const AuditEntry a = lastAudit(acc, "auto-renew");
        QCOMPARE(a.after.value(QStringLiteral("renew_sku")).toString(), QStringLiteral("1m"));
        QVERIFY(!a.before.contains(QStringLiteral("renew_sku")));
        // The renewal calendar shows the attempt at the size set and its price.
        auto events = acc.run([](Context &c) {
            return upcomingRenewals(c, at("2027-09-01T00:00:00+08:00"), at("2027-10-01T00:00:00+08:00"));
        });
        QVERIFY(ok(events));
        QCOMPARE(events->size(), size_t(1));
        QCOMPARE(events->front().kind, RenewalEvent::Kind::AutoRenewAttempt);
        QCOMPARE(events->front().at, at("2027-09-24T03:00:00+08:00"));
        QCOMPARE(events->front().renewSku, QStringLiteral("1m"));
        QCOMPARE(events->front().renewPrice, money("1200"));

        // Term 1 ends 2027-10-01 23:59:59; the first attempt is 7 days before at 03:00 and renews as 1m.
        acc.setNow("2027-09-24T02:59:59+08:00");
        QCOMPARE(status(acc).packages.size(), size_t(1));
        acc.setNow("2027-09-24T03:00:00+08:00");
        AccountStatus st = status(acc);
        QCOMPARE(st.packages.size(), size_t(2));
        const Package second = st.packages.back();
        QCOMPARE(second.previousId, std::optional<qint64>(first.id));
        QCOMPARE(second.sku, QStringLiteral("1m"));
        QCOMPARE(second.quota, qint64(1'000'000));
        QCOMPARE(second.price, money("1200"));
        QCOMPARE(second.effectiveAt, at("2027-10-02T00:00:00+08:00"));
        QVERIFY(second.autoRenew);
        QCOMPARE(second.autoRenewSku(), QStringLiteral("1m"));
        QCOMPARE(st.account.balance, money("3000") - money("127.50") - money("1200"));
        auto renewed = notifications(acc, "auto-renewed");
        QCOMPARE(renewed.size(), size_t(1));
        QCOMPARE(renewed.front().at, at("2027-09-24T03:00:00+08:00"));
        QCOMPARE(renewed.front().args.value(QStringLiteral("sku")).toString(), QStringLiteral("1m"));
        QCOMPARE(renewed.front().args.value(QStringLiteral("price")).toString(), QStringLiteral("1200.00"));
        QCOMPARE(notificationText(renewed.front()),
                 QStringLiteral(
                     "Package %1 (general-text in cn-north-4) was renewed as package %2, 1m, for 1200.00.")
                     .arg(first.id)
                     .arg(second.id));

        // Then it keeps renewing as 1m: term 2 ends 2028-10-01, so the next attempt is 2028-09-24 03:00.
        acc.setNow("2028-09-24T03:00:00+08:00");
        st = status(acc);
        QCOMPARE(st.packages.size(), size_t(3));
        QCOMPARE(st.packages.back().previousId, std::optional<qint64>(second.id));
        QCOMPARE(st.packages.back().sku, QStringLiteral("1m"));
        QCOMPARE(st.packages.back().price, money("1200"));
        QCOMPARE(st.account.balance, money("3000") - money("127.50") - money("2400"));
        QCOMPARE(notifications(acc, "auto-renewed").size(), size_t(2));
        QVERIFY(notifications(acc, "auto-renew-failed").empty());
        QVERIFY2(findings(acc).isEmpty(), qPrintable(findings(acc).join(u'\n')));
    }

    void autoRenewAtASizeTheBalanceCannotPayFailsWithoutArrears()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        // 300 − 127.50 = 172.50: enough for another 100k, not for the 1m that auto-renew is set to.
        QVERIFY(topUp(acc, "300"));
        const Package first = buy(acc, "100k");
        QVERIFY(autoRenew(acc, first.id, true, QStringLiteral("1m")).ok());
        acc.setNow("2027-09-26T12:00:00+08:00"); // attempts on the 24th, 25th and 26th have failed
        AccountStatus st = status(acc);
        QCOMPARE(st.packages.size(), size_t(1));
        QCOMPARE(st.account.balance, money("172.50"));
        QCOMPARE(st.account.arrears(), Money());
        auto failed = notifications(acc, "auto-renew-failed");
        QCOMPARE(failed.size(), size_t(3));
        QCOMPARE(failed.front().at, at("2027-09-24T03:00:00+08:00"));
        const QString reason = failed.front().args.value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QLatin1String("1200.00")), qPrintable(reason));
        // A top-up lets the next daily attempt renew, still as 1m.
        QVERIFY(topUp(acc, "2000"));
        acc.setNow("2027-09-27T03:00:00+08:00");
        st = status(acc);
        QCOMPARE(st.packages.size(), size_t(2));
        QCOMPARE(st.packages.back().sku, QStringLiteral("1m"));
        QCOMPARE(st.account.balance, money("2172.50") - money("1200"));
        QVERIFY(findings(acc).isEmpty());
    }

    void autoRenewWithoutASizeIsTheCurrentTermsAndOffForgetsIt()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "20000"));
        const Package first = buy(acc, "100k");
        QVERIFY(autoRenew(acc, first.id, true, QStringLiteral("5m")).ok());
        // A manual renewal as another size keeps the size set for auto-renew for the new term.
        auto next = renew(acc, first.id, "10m");
        QVERIFY(next.ok());
        QCOMPARE(next->sku, QStringLiteral("10m"));
        QVERIFY(next->autoRenew);
        QCOMPARE(next->autoRenewSku(), QStringLiteral("5m"));
        // `auto-renew ID on` without a size: the size of the term being renewed.
        auto on = autoRenew(acc, next->id, true, std::nullopt);
        QVERIFY(on.ok());
        QVERIFY(!on->renewSku);
        QCOMPARE(on->autoRenewSku(), QStringLiteral("10m"));
        // Off forgets a size; it survives a reopening of the database while set.
        QVERIFY(autoRenew(acc, next->id, true, QStringLiteral("1m")).ok());
        {
            auto reopened = Engine::open(acc.path, acc.clock);
            QVERIFY(ok(reopened));
            auto st = (*reopened)->run([](Context &c) { return accountStatus(c); });
            QVERIFY(st.ok());
            QCOMPARE(st->packages.back().renewSku, std::optional<QString>(QStringLiteral("1m")));
            QVERIFY(!st->packages.front().renewSku || *st->packages.front().renewSku == QLatin1String("5m"));
        }
        auto off = autoRenew(acc, next->id, false, std::nullopt);
        QVERIFY(off.ok());
        QVERIFY(!off->autoRenew);
        QVERIFY(!off->renewSku);
        QCOMPARE(status(acc).packages.back().autoRenewSku(), QStringLiteral("10m"));
        QVERIFY(findings(acc).isEmpty());
    }

    void aDatabaseBeforeStepTwelveGainsTheSizeColumn()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "2000"));
        const Package first = buy(acc, "100k", true);
        {
            // As the database was before schema step 12 (and step 13 after it).
            QSqlQuery q(acc.engine->database().connection());
            QVERIFY2(q.exec(QStringLiteral("DROP TABLE guard")), qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE package DROP COLUMN renew_sku")),
                     qPrintable(q.lastError().text()));
            QVERIFY(q.exec(test::onPostgres() ? QStringLiteral("UPDATE schema_version SET version = 11")
                                              : QStringLiteral("PRAGMA user_version = 11")));
        }
        acc.engine.reset();
        auto reopened = Engine::open(acc.path, acc.clock);
        QVERIFY(ok(reopened));
        acc.engine = std::move(reopened).value();
        QCOMPARE(acc.engine->database().schemaVersion(), Database::latestSchemaVersion());
        Package p = status(acc).packages.front();
        QVERIFY(p.autoRenew);
        QVERIFY(!p.renewSku); // auto-renew as before: the term's own size
        QCOMPARE(p.autoRenewSku(), QStringLiteral("100k"));
        QVERIFY(ok(autoRenew(acc, first.id, true, QStringLiteral("1m"))));
        QCOMPARE(status(acc).packages.front().autoRenewSku(), QStringLiteral("1m"));
        QVERIFY(findings(acc).isEmpty());
    }

    void verifyNamesAStoredSizeOutsideTheCatalog()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(topUp(acc, "1000"));
        const Package first = buy(acc, "100k");
        QVERIFY(autoRenew(acc, first.id, true, QStringLiteral("1m")).ok());
        auto damaged = acc.run([&](Context &c) -> Status {
            auto p = c.subscriptions.package(first.id);
            if (!p)
                return p.error();
            p->renewSku = QStringLiteral("3m");
            return c.subscriptions.updatePackage(*p);
        });
        QVERIFY(damaged.ok());
        const QStringList f = findings(acc);
        QVERIFY2(f.join(u'\n').contains(QLatin1String("renew_sku")), qPrintable(f.join(u'\n')));
        // An attempt at a size that is not sold fails with a notice instead of stopping the catch-up.
        acc.setNow("2027-09-24T04:00:00+08:00");
        QCOMPARE(status(acc).packages.size(), size_t(1));
        auto failed = notifications(acc, "auto-renew-failed");
        QCOMPARE(failed.size(), size_t(1));
        QVERIFY(failed.front().args.value(QStringLiteral("reason")).toString().contains(QLatin1String("3m")));
    }
};

QTEST_MAIN(TestRenewSize)
#include "tst_renewsize.moc"
