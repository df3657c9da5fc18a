// Several billingctl processes write one account at the same time (top-ups, package purchases,
// catch-ups); afterwards verify passes and the balance is exactly the start plus every successful
// top-up minus every successful purchase: no update was lost. Runs on SQLite (WAL + busy timeout)
// and, as tst_concurrency_pg, on PostgreSQL (advisory write lock, database.cpp).
#include "clirunner.h"

#include <QJsonArray>

#include <thread>
#include <vector>

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T09:30:00+08:00");

// Amounts in cents, to sum exactly.
qint64 cents(const QString &amount)
{
    const QStringList parts = amount.split(u'.');
    const qint64 whole = parts[0].toLongLong();
    const QString frac = (parts.value(1) + QStringLiteral("00")).left(2);
    return whole * 100 + (amount.startsWith(u'-') ? -1 : 1) * frac.toLongLong();
}

struct Outcome
{
    qint64 delta = 0; // cents
    int done = 0;
    int refused = 0;
    QStringList failures;
};
} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT
private slots:
    void concurrentWritersLoseNoUpdate()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(cli.run(T0, {QStringLiteral("topup"), QStringLiteral("2000")}).exitCode, 0);

        constexpr int kWorkers = 4;
        constexpr int kOps = 50;
        std::vector<Outcome> outcomes(kWorkers);
        std::vector<std::thread> threads;
        for (int w = 0; w < kWorkers; ++w)
            threads.emplace_back([&cli, &outcomes, w] {
                Outcome &o = outcomes[size_t(w)];
                for (int k = 0; k < kOps; ++k) {
                    CliResult r;
                    switch (k % 3) {
                    case 0: {
                        const QString amount =
                            QStringLiteral("%1.%2").arg(1 + w).arg(k, 2, 10, QLatin1Char('0'));
                        r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("topup"), amount});
                        if (r.exitCode == 0)
                            o.delta += cents(amount);
                        break;
                    }
                    case 1:
                        r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("buy"),
                                         QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                         QStringLiteral("100k")});
                        if (r.exitCode == 0)
                            o.delta -= cents(r.json()[QStringLiteral("packages")]
                                                 .toArray()[0]
                                                 .toObject()[QStringLiteral("price")]
                                                 .toString());
                        break;
                    default:
                        r = cli.run(T1, {QStringLiteral("settle")});
                        break;
                    }
                    if (r.exitCode == 0)
                        ++o.done;
                    else if (r.exitCode == 1 && k % 3 == 1)
                        ++o.refused; // not enough balance for another package: a business rule, not a failure
                    else
                        o.failures << QStringLiteral("worker %1 op %2: exit %3: %4")
                                          .arg(w)
                                          .arg(k)
                                          .arg(r.exitCode)
                                          .arg(r.err.trimmed());
                }
            });
        for (std::thread &t : threads)
            t.join();

        qint64 expected = 2000 * 100;
        int done = 0, refused = 0;
        for (const Outcome &o : outcomes) {
            QVERIFY2(o.failures.isEmpty(), qPrintable(o.failures.join(u'\n')));
            expected += o.delta;
            done += o.done;
            refused += o.refused;
        }
        qInfo("%d commands done, %d purchases refused for want of balance", done, refused);
        QCOMPARE(done + refused, kWorkers * kOps);
        QVERIFY(done > kWorkers * kOps / 2);

        const CliResult v = cli.run(T1, {QStringLiteral("verify")});
        QVERIFY2(v.exitCode == 0, qPrintable(v.out + v.err));
        const CliResult s = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(s.exitCode, 0);
        QCOMPARE(cents(s.json()[QStringLiteral("balance")].toString()), expected);
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
