// Roles through billingctl: member commands, bad role and member names, and every state-changing
// command refused to an analyst with exit 1, one line on stderr, and the database byte-identical.
#include "clirunner.h"

#include <QDir>
#include <QJsonArray>

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T10:00:00+08:00");
const QString S(const char *s)
{
    return QString::fromUtf8(s);
}

// An account with an owner, a finance member and an analyst, a pending package, and a backup.
struct RolesCli : CliRunner
{
    qint64 package = 0;
    QString calls;
    QString backup;
    QString billProfile;
    QString closeDir;

    RolesCli()
    {
        expect(run(T0, {S("init")}), 0);
        expect(as(S("olivia"), {S("member"), S("set"), S("olivia"), S("owner")}), 0);
        expect(as(S("olivia"), {S("member"), S("set"), S("fred"), S("finance")}), 0);
        expect(as(S("olivia"), {S("member"), S("set"), S("ana"), S("analyst")}), 0);
        expect(as(S("olivia"), {S("topup"), S("1000")}), 0);
        auto bought = as(S("olivia"), {S("--json"), S("buy"), S("general-text"), S("cn-north-4"), S("100k"),
                                       S("--effective"), S("2026-10-20T00:00:00+08:00")});
        expect(bought, 0);
        package = bought.json()[S("ids")].toArray().first().toInteger();
        calls = dir() + S("/calls.csv");
        QFile f(calls);
        f.open(QIODevice::WriteOnly);
        f.write("timestamp,api,region,status\n2026-10-01T08:30:00+08:00,general-text,cn-north-4,200\n");
        f.close();
        backup = dir() + S("/backup.sqlite");
        expect(as(S("olivia"), {S("backup"), backup}), 0);
        billProfile = dir() + S("/bill-profile.json");
        QFile p(billProfile);
        p.open(QIODevice::WriteOnly);
        p.write(
            R"({"kind":"provider-bill","columns":{"Svc":"api","Due":"charged","Cycle":"billing_cycle"}})");
        p.close();
        closeDir = dir() + S("/close");
        QDir().mkpath(closeDir);
    }
    CliResult as(const QString &user, const QStringList &args) const
    {
        return run(T1, QStringList{S("--as"), user} + args);
    }
    static void expect(const CliResult &r, int code)
    {
        if (r.exitCode != code)
            qFatal("billingctl exited %d, not %d: %s", r.exitCode, code, qPrintable(r.err));
    }
};
} // namespace

class TestCliRoles : public QObject
{
    Q_OBJECT
private slots:
    void anAnalystIsRefusedEveryChangeAndNothingChanges_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("topup") << QStringList{"topup", "5"};
        QTest::newRow("grant-coupon")
            << QStringList{"grant-coupon", "5", "--expires", "2026-12-01T00:00:00+08:00"};
        QTest::newRow("buy") << QStringList{"buy", "general-text", "cn-north-4", "100k"};
        QTest::newRow("renew") << QStringList{"renew", "PACKAGE"};
        QTest::newRow("auto-renew") << QStringList{"auto-renew", "PACKAGE", "on"};
        QTest::newRow("unsubscribe") << QStringList{"unsubscribe", "PACKAGE"};
        QTest::newRow("enable") << QStringList{"enable", "passport", "cn-north-4"};
        QTest::newRow("disable") << QStringList{"disable", "general-text", "cn-north-4"};
        QTest::newRow("stop-billing") << QStringList{"stop-billing"};
        QTest::newRow("import-calls") << QStringList{"import-calls", "CALLS"};
        QTest::newRow("member set") << QStringList{"member", "set", "ana", "owner"};
        QTest::newRow("member remove") << QStringList{"member", "remove", "fred"};
        QTest::newRow("backup") << QStringList{"backup", "NEWFILE"};
        QTest::newRow("restore") << QStringList{"restore", "BACKUP", "--replace"};
        // Closing the books (Permission::CloseMonth): the close pack, accepting a reconciliation and the
        // provider-bill column profiles that reconciliation reads.
        QTest::newRow("close") << QStringList{"close", "2026-10", "--out", "CLOSEDIR"};
        QTest::newRow("reconcile accept") << QStringList{"reconcile", "accept", "2026-10", "--note", "ok"};
        QTest::newRow("profile save (provider bill)")
            << QStringList{"profile", "save", "bills", "BILLPROFILE"};
    }
    void anAnalystIsRefusedEveryChangeAndNothingChanges()
    {
        QFETCH(QStringList, args);
        RolesCli cli;
        const QString newFile = cli.dir() + S("/new.sqlite");
        args.replaceInStrings(S("PACKAGE"), QString::number(cli.package));
        args.replaceInStrings(S("CALLS"), cli.calls);
        args.replaceInStrings(S("NEWFILE"), newFile);
        args.replaceInStrings(S("BACKUP"), cli.backup);
        args.replaceInStrings(S("BILLPROFILE"), cli.billProfile);
        args.replaceInStrings(S("CLOSEDIR"), cli.closeDir);
        // Catch up to T1 first, so the refused command has nothing left to settle either.
        RolesCli::expect(cli.as(S("ana"), {S("status")}), 0);
        const QByteArray before = cli.dbBytes();
        QVERIFY(!before.isEmpty());
        const CliResult r = cli.as(S("ana"), args);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(S("ana")) && r.err.contains(S("analyst")), qPrintable(r.err));
        QVERIFY(cli.dbBytes() == before);
        QVERIFY(!QFile::exists(newFile));
        QVERIFY(QDir(cli.closeDir).isEmpty());
    }

    // Finance closes the books: accepts a month and saves the provider-bill profile an analyst may not.
    void aFinanceMemberClosesTheBooks()
    {
        RolesCli cli;
        CliResult r = cli.as(S("ana"), {S("reconcile"), S("accept"), S("2026-10")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(S("close the books")), qPrintable(r.err));
        QCOMPARE(
            cli.as(S("fred"), {S("reconcile"), S("accept"), S("2026-10"), S("--note"), S("ok")}).exitCode, 0);
        QCOMPARE(cli.as(S("fred"), {S("profile"), S("save"), S("bills"), cli.billProfile}).exitCode, 0);
        // The analyst reads the profile and may not remove it.
        QCOMPARE(cli.as(S("ana"), {S("profile"), S("show"), S("bills")}).exitCode, 0);
        r = cli.as(S("ana"), {S("profile"), S("remove"), S("bills")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(S("analyst")), qPrintable(r.err));
    }

    void aFinanceMemberTopsUpButDoesNotBuy()
    {
        RolesCli cli;
        QCOMPARE(cli.as(S("fred"), {S("topup"), S("5")}).exitCode, 0);
        QCOMPARE(cli.as(S("fred"), {S("import-calls"), cli.calls, S("--late")}).exitCode, 0);
        const CliResult buy = cli.as(S("fred"), {S("buy"), S("general-text"), S("cn-north-4"), S("100k")});
        QCOMPARE(buy.exitCode, 1);
        QVERIFY2(buy.err.contains(S("finance")) && buy.err.contains(S("owner")), qPrintable(buy.err));
        // The audit log names who did it.
        const QJsonArray audit = cli.as(S("olivia"), {S("--json"), S("audit")}).json()[S("audit")].toArray();
        QCOMPARE(audit.last().toObject()[S("actor")].toString(), S("fred"));
    }

    void anAnalystReadsAndEditsAnalysisSettings()
    {
        RolesCli cli;
        QCOMPARE(cli.as(S("ana"), {S("bill"), S("2026-10")}).exitCode, 0);
        QCOMPARE(cli.as(S("ana"), {S("verify")}).exitCode, 0);
        QCOMPARE(cli.as(S("ana"), {S("audit")}).exitCode, 0);
        QCOMPARE(cli.as(S("ana"), {S("tag"), S("default"), S("ops")}).exitCode, 0);
        QCOMPARE(cli.as(S("ana"), {S("budget"), S("set"), S("monthly"), S("100")}).exitCode, 0);
        QCOMPARE(cli.as(S("ana"), {S("budget"), S("remove"), S("monthly")}).exitCode, 0);
        QCOMPARE(cli.as(S("fred"), {S("tag"), S("default"), S("finance")}).exitCode, 1);
        const QJsonObject me = cli.as(S("ana"), {S("--json"), S("whoami")}).json();
        QCOMPARE(me[S("role")].toString(), S("analyst"));
        QCOMPARE(me[S("single_user")].toBool(), false);
    }

    void memberCommands()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {S("init")}).exitCode, 0);
        QVERIFY(cli.run(T0, {S("member"), S("list")}).out.contains(S("single-user")));
        // The first member must be the acting user as owner.
        CliResult r = cli.run(T0, {S("--as"), S("olivia"), S("member"), S("set"), S("fred"), S("finance")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(S("olivia")));
        QCOMPARE(
            cli.run(T0, {S("--as"), S("olivia"), S("member"), S("set"), S("olivia"), S("owner")}).exitCode,
            0);
        QCOMPARE(
            cli.run(T0, {S("--as"), S("olivia"), S("member"), S("set"), S("fred"), S("finance")}).exitCode,
            0);
        QCOMPARE(
            cli.run(T0, {S("--as"), S("olivia"), S("member"), S("set"), S("fred"), S("analyst")}).exitCode,
            0);
        const QJsonArray list = cli.run(T0, {S("--as"), S("fred"), S("--json"), S("member"), S("list")})
                                    .json()[S("members")]
                                    .toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject()[S("name")].toString(), S("fred"));
        QCOMPARE(list[0].toObject()[S("role")].toString(), S("analyst"));
        // Someone who is not a member reads nothing.
        r = cli.run(T0, {S("--as"), S("mallory"), S("status")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(S("mallory")) && r.err.contains(S("member set")));
        // The last owner stays.
        QCOMPARE(cli.run(T0, {S("--as"), S("olivia"), S("member"), S("remove"), S("olivia")}).exitCode, 1);
        QCOMPARE(cli.run(T0, {S("--as"), S("olivia"), S("member"), S("remove"), S("fred")}).exitCode, 0);
        QCOMPARE(cli.run(T0, {S("--as"), S("olivia"), S("member"), S("remove"), S("fred")}).exitCode, 1);
        QCOMPARE(cli.run(T0, {S("--as"), S("olivia"), S("member"), S("remove"), S("olivia")}).exitCode, 0);
        QVERIFY(cli.run(T0, {S("--as"), S("mallory"), S("whoami")}).out.contains(S("owner")));
    }

    void badRoleAndMemberNames_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown role") << QStringList{"member", "set", "bob", "admin"} << S("admin");
        QTest::newRow("capitalised role") << QStringList{"member", "set", "bob", "Owner"} << S("Owner");
        QTest::newRow("name with a space")
            << QStringList{"member", "set", "bob smith", "owner"} << S("bob smith");
        QTest::newRow("empty name") << QStringList{"member", "set", "", "owner"} << S("1 to 64");
        QTest::newRow("no role") << QStringList{"member", "set", "bob"} << S("member set");
        QTest::newRow("no subcommand") << QStringList{"member"} << S("set, list or remove");
        QTest::newRow("empty --as") << QStringList{"--as", "", "status"} << S("--as");
    }
    void badRoleAndMemberNames()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {S("init")}).exitCode, 0);
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T0, args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QVERIFY(cli.dbBytes() == before);
    }

    void helpNamesTheRoleCommands()
    {
        const CliResult r = CliRunner::raw({S("help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *word : {"member set NAME", "whoami", "--as USER", "analyst"})
            QVERIFY2(r.out.contains(S(word)), word);
    }
};

QTEST_GUILESS_MAIN(TestCliRoles)
#include "tst_cli_roles.moc"
