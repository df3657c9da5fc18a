// Issue #19: whatever billingctl echoes of its command line in a message is shown as core/shown.h shows a
// value: at most 80 characters (then an ellipsis), control characters escaped, on one stderr line.
#include "clirunner.h"

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
// One argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN): the longest that can be passed.
const QString kLong = QString(131'000, u'x');
const QString kEscape = QStringLiteral("\x1b[31mred\x07");
} // namespace

class TestEchoedArguments : public QObject
{
    Q_OBJECT
private slots:
    void echoedArguments_data()
    {
        QTest::addColumn<QStringList>("args"); // X stands for the hostile value
        auto row = [](const char *name, const QStringList &args) {
            QTest::newRow(qPrintable(QStringLiteral("%1, long").arg(QLatin1String(name)))) << args;
        };
        row("unknown command", {"X"});
        row("unknown global option", {"--X", "status"});
        row("unknown option", {"status", "--X"});
        row("unexpected argument", {"status", "X"});
        row("bad now", {"--now", "X", "status"});
        row("bad month", {"bill", "X"});
        row("bad type", {"transactions", "--type", "X"});
        row("bad from", {"transactions", "--from", "X"});
        row("bad granularity", {"cost", "--from", "2026-10-01T00:00:00+08:00", "--to",
                                "2026-10-02T00:00:00+08:00", "--granularity", "X"});
        row("unknown api", {"enable", "X", "cn-north-4"});
        row("unknown region", {"enable", "general-text", "X"});
        row("unknown sku", {"buy", "general-text", "cn-north-4", "X"});
        row("package id", {"renew", "X"});
        row("auto-renew on or off", {"auto-renew", "1", "X"});
        row("top-up amount", {"topup", "X"});
        row("coupon amount", {"grant-coupon", "X", "--expires", "2027-01-01T00:00:00+08:00"});
        row("coupon expiry", {"grant-coupon", "5", "--expires", "X"});
        row("coupon api", {"grant-coupon", "5", "--expires", "2027-01-01T00:00:00+08:00", "--api", "X"});
        row("price calls", {"price", "general-text", "X"});
        row("price api", {"price", "X", "1000"});
        row("budget amount", {"budget", "set", "b", "X"});
        row("budget thresholds", {"budget", "set", "b", "10", "--actual", "X"});
        row("budget name", {"budget", "remove", "X"});
        row("member role", {"member", "set", "bob", "X"});
        row("export format", {"export-bill", "2026-10", "--format", "X", "--out", "/tmp/x"});
        row("focus month", {"export-focus", "--from", "X", "--to", "2026-10", "--out", "/tmp/x"});
        row("import file", {"import-calls", "/no/such/X"});
        row("quantity", {"buy", "general-text", "cn-north-4", "100k", "--quantity", "X"});
        row("days", {"auto-renew", "1", "on", "--days", "X"});
    }
    void echoedArguments()
    {
        QFETCH(QStringList, args);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        for (const QString &value : {kLong, kEscape}) {
            QStringList a = args;
            for (QString &s : a)
                s.replace(QStringLiteral("X"), value);
            const CliResult r = cli.run(T0, a);
            QVERIFY2(r.exitCode != 0, qPrintable(r.out.left(200)));
            QCOMPARE(r.err.count(u'\n'), 1);
            QVERIFY2(r.err.size() < 1000, qPrintable(r.err.left(300)));
            for (const QChar c : r.err.chopped(1))
                QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() >= 0xa0),
                         qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestEchoedArguments)
#include "tst_echoedarguments.moc"
