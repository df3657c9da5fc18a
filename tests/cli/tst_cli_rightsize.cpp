// `billingctl rightsize` (issue #16): the renewal right-sizer's JSON and text, the one click that acts on
// it (`auto-renew ID on --sku S`), and bad input refused with the database unchanged. The values are
// those of tst_rightsizer, computed by hand there.
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const QString kNow = QStringLiteral("2027-09-22T00:30:00+08:00");

QJsonArray packagesOf(const CliResult &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("packages")).toArray();
}
} // namespace

class TestCliRightSize : public QObject
{
    Q_OBJECT

    CliRunner m_cli;

private slots:
    void initTestCase()
    {
        const QString t0 = QStringLiteral("2026-10-01T08:00:00+08:00");
        for (const QStringList &args :
             {QStringList{"init"}, QStringList{"enable", "general-text", "cn-north-4"},
              QStringList{"enable", "general-text", "ap-southeast-1"}, QStringList{"topup", "2000"},
              QStringList{"buy", "general-text", "cn-north-4", "100k"},
              QStringList{"buy", "general-text", "ap-southeast-1", "100k"}}) {
            const CliResult r = m_cli.run(t0, args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        CliResult r = m_cli.run(QStringLiteral("2027-07-01T09:30:00+08:00"), {"import-calls", "-"},
                                "timestamp,api,region,status,count\n"
                                "2027-07-01T09:15:00+08:00,general-text,cn-north-4,200,10000\n"
                                "2027-07-01T09:15:00+08:00,general-text,ap-southeast-1,200,300000\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = m_cli.run(QStringLiteral("2027-09-01T09:30:00+08:00"), {"import-calls", "-"},
                      "timestamp,api,region,status,count\n"
                      "2027-09-01T09:15:00+08:00,general-text,cn-north-4,200,15000\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(m_cli.run(kNow, {"settle"}).exitCode, 0);
    }

    void json()
    {
        const CliResult r = m_cli.run(kNow, {"--json", "rightsize"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray list = packagesOf(r);
        QCOMPARE(list.size(), 2);
        const QJsonObject a = list[0].toObject();
        QCOMPARE(a.value("package_id").toInteger(), 1);
        QCOMPARE(a.value("api").toString(), QStringLiteral("general-text"));
        QCOMPARE(a.value("region").toString(), QStringLiteral("cn-north-4"));
        QCOMPARE(a.value("sku").toString(), QStringLiteral("100k"));
        QCOMPARE(a.value("term_end").toString(), QStringLiteral("2027-10-01T23:59:59+08:00"));
        QCOMPARE(a.value("used").toInteger(), 25000);
        QCOMPARE(a.value("projected_use").toInteger(), 30000);
        QCOMPARE(a.value("lapsing_calls").toInteger(), 70000);
        QCOMPARE(a.value("lapsing_worth").toString(), QStringLiteral("89.25"));
        QCOMPARE(a.value("next_term_calls").toInteger(), 99996);
        QCOMPARE(a.value("best").toString(), QStringLiteral("100k"));
        QCOMPARE(a.value("best_cost").toString(), QStringLiteral("127.44"));
        QCOMPARE(a.value("current_cost").toString(), QStringLiteral("127.44"));
        QCOMPARE(a.value("yearly_difference").toString(), QStringLiteral("0.00"));
        QVERIFY(a.value("renew_sku").isNull());
        const QJsonObject b = list[1].toObject();
        QCOMPARE(b.value("package_id").toInteger(), 2);
        QCOMPARE(b.value("lapsing_calls").toInteger(), 0);
        QCOMPARE(b.value("best").toString(), QStringLiteral("1m"));
        QCOMPARE(b.value("best_cost").toString(), QStringLiteral("1500.00"));
        QCOMPARE(b.value("current_cost").toString(), QStringLiteral("1777.44"));
        QCOMPARE(b.value("yearly_difference").toString(), QStringLiteral("277.44"));
    }

    void equalsThePriceCalculator()
    {
        // 100,000 calls a month (300,000 in 90 days ÷ 3): `price` quotes 1m at 125.00 and 100k at 148.12.
        const CliResult r = m_cli.run(kNow, {"--json", "price", "general-text", "100000"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray quotes =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("quotes")).toArray();
        QStringList monthly;
        for (const QJsonValue &q : quotes)
            monthly << q.toObject().value("option").toString() + u'=' +
                           q.toObject().value("monthly_cost").toString();
        QVERIFY2(monthly.contains(QStringLiteral("1m=125.00")), qPrintable(monthly.join(u' ')));
        QVERIFY2(monthly.contains(QStringLiteral("100k=148.12")), qPrintable(monthly.join(u' ')));
    }

    void textWindowAndPackage()
    {
        CliResult r = m_cli.run(kNow, {"rightsize"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QStringLiteral("package 1 general-text cn-north-4 100k, term ends "
                                                    "2027-10-01T23:59:59+08:00: used 25000 of 100000, "
                                                    "projected 30000, lapsing 70000 worth 89.25")),
                 qPrintable(lines[0]));
        QVERIFY2(lines[1].contains(QStringLiteral("best 1m at 1500.00 a year, renewing as 100k 1777.44, "
                                                  "difference 277.44 a year")),
                 qPrintable(lines[1]));
        r = m_cli.run(kNow, {"rightsize", "--within", "9"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("No package term ends within 9 days."));
        r = m_cli.run(kNow, {"--json", "rightsize", "--within", "9", "--package", "2"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(packagesOf(r).size(), 1);
        QCOMPARE(packagesOf(r)[0].toObject().value("ends_within").toBool(), false);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("within 0") << QStringList{"rightsize", "--within", "0"} << 2;
        QTest::newRow("within 367") << QStringList{"rightsize", "--within", "367"} << 2;
        QTest::newRow("within words") << QStringList{"rightsize", "--within", "ten"} << 2;
        QTest::newRow("within sign") << QStringList{"rightsize", "--within", "+5"} << 2;
        QTest::newRow("within empty") << QStringList{"rightsize", "--within", ""} << 2;
        QTest::newRow("package words") << QStringList{"rightsize", "--package", "x"} << 2;
        QTest::newRow("package negative") << QStringList{"rightsize", "--package", "-1"} << 2;
        QTest::newRow("unknown package") << QStringList{"rightsize", "--package", "99"} << 1;
        QTest::newRow("extra word") << QStringList{"rightsize", "1"} << 2;
    }
    void badInputChangesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        const QByteArray before = m_cli.dbBytes();
        const CliResult r = m_cli.run(kNow, args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(m_cli.dbBytes(), before);
    }

    void oneClickSetsTheAutoRenewSize()
    {
        CliResult r = m_cli.run(kNow, {"auto-renew", "2", "on", "--sku", "1m"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = m_cli.run(kNow, {"--json", "rightsize", "--package", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(packagesOf(r)[0].toObject().value("renew_sku").toString(), QStringLiteral("1m"));
    }
};

QTEST_GUILESS_MAIN(TestCliRightSize)
#include "tst_cli_rightsize.moc"
