// Column profiles stored in the account (issue #19): saved (audited, replaced only when asked), listed,
// read and removed through the service, on SQLite and (tst_profiles_pg) PostgreSQL; and a gateway's log
// imported through a profile bills exactly as the same calls in the strict format.
#include "engine/bills.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "mapping/calllogmapping.h"
#include "mapping/profiles.h"
#include "storage/auditrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

using namespace billing;

namespace {

const QByteArray kProfile =
    R"({"kind":"call-log","columns":{"ts":"timestamp","service":"api","dc":"region","code":"status",
        "tenant":"enterprise_project"},"time_format":"local","utc_offset":"+08:00",
        "values":{"api":{"General Text OCR":"general-text","Table OCR":"general-table"},
                  "region":{"Beijing":"cn-north-4"}}})";

Result<ColumnProfile> parsed(test::TestAccount &acc, const QByteArray &json, const QString &name)
{
    return acc.run([&](Context &c) { return profileFromJson(json, name, c.catalog); });
}

Result<ImportSummary> importInto(test::TestAccount &acc, QByteArray data, const QString &profile)
{
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    return acc.engine->runThenCatchUp([&](Context &c) -> Result<ImportSummary> {
        ImportOptions options{QStringLiteral("log"), false};
        if (!profile.isEmpty()) {
            auto p = columnProfile(c, ProfileKind::CallLog, profile);
            if (!p)
                return p.error();
            options.mapping = CallLogMapping::factory(*p, c.catalog);
        }
        return importCalls(c, buf, options);
    });
}

QStringList billOf(test::TestAccount &acc)
{
    acc.setNow("2026-10-03T12:00:00+08:00");
    auto bill = acc.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
    if (!bill)
        qFatal("%s", qPrintable(bill.error().message));
    QStringList out;
    for (const BillLine &l : bill->lines)
        out << QStringLiteral("%1/%2/%3 %4 fee %5 charged %6")
                   .arg(l.api, l.region, l.mode)
                   .arg(l.calls)
                   .arg(l.fee.toString(), l.charged.toString());
    return out;
}

void enable(test::TestAccount &acc)
{
    for (const char *api : {"general-text", "general-table"})
        QVERIFY(acc.run([&](Context &c) {
            return services::setEnabled(c, QString::fromLatin1(api), QStringLiteral("cn-north-4"), true);
        }));
}

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private slots:
    void savedListedReadRemovedAndAudited()
    {
        test::TestAccount acc;
        auto p = parsed(acc, kProfile, "gateway");
        QVERIFY(p);
        QVERIFY(acc.run([&](Context &c) { return saveColumnProfile(c, *p, false); }));
        auto list = acc.run([](Context &c) { return columnProfiles(c, ProfileKind::CallLog); });
        QVERIFY(list);
        QCOMPARE(list->size(), size_t(1));
        QCOMPARE(list->front(), *p);

        // The same name again: refused without replace, and nothing changes.
        ColumnProfile other = *p;
        other.timeFormat = TimeFormat::Iso8601;
        other.utcOffsetSeconds = 0;
        Status again = acc.run([&](Context &c) { return saveColumnProfile(c, other, false); });
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Refused);
        QCOMPARE(
            acc.run([](Context &c) { return columnProfile(c, ProfileKind::CallLog, "gateway"); }).value(),
            *p);
        QVERIFY(acc.run([&](Context &c) { return saveColumnProfile(c, other, true); }));
        QCOMPARE(
            acc.run([](Context &c) { return columnProfile(c, ProfileKind::CallLog, "gateway"); }).value(),
            other);

        auto unknown = acc.run([](Context &c) { return columnProfile(c, ProfileKind::CallLog, "nope"); });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::BadUsage);
        QVERIFY2(unknown.error().message.contains("the profiles are gateway"),
                 qPrintable(unknown.error().message));

        QVERIFY(acc.run([](Context &c) { return removeColumnProfile(c, ProfileKind::CallLog, "gateway"); }));
        QVERIFY(acc.run([](Context &c) { return columnProfiles(c, ProfileKind::CallLog); })->empty());
        Status gone =
            acc.run([](Context &c) { return removeColumnProfile(c, ProfileKind::CallLog, "gateway"); });
        QCOMPARE(gone.error().code, ErrorCode::BadUsage);

        auto audit = acc.run([](Context &c) { return AuditRepository(c.db).all(); });
        QVERIFY(audit);
        QStringList actions;
        for (const AuditEntry &e : *audit)
            if (e.subject == QLatin1String("column profile gateway"))
                actions << e.action;
        QCOMPARE(actions, QStringList({"profile-save", "profile-save", "profile-remove"}));
    }

    void aBadProfileIsNotSaved()
    {
        test::TestAccount acc;
        ColumnProfile p = parsed(acc, kProfile, "gateway").value();
        p.values["api"]["OCR"] = "no-such-api";
        Status s = acc.run([&](Context &c) { return saveColumnProfile(c, p, false); });
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains("\"no-such-api\" is not an API id"),
                 qPrintable(s.error().message));
        p = parsed(acc, kProfile, "gateway").value();
        p.name = " ";
        QCOMPARE(acc.run([&](Context &c) { return saveColumnProfile(c, p, false); }).error().code,
                 ErrorCode::BadUsage);
        QVERIFY(acc.run([](Context &c) { return columnProfiles(c, ProfileKind::CallLog); })->empty());
    }

    void aGatewayLogBillsAsTheSameCallsInTheStrictFormat()
    {
        test::TestAccount strict, mapped;
        enable(strict);
        enable(mapped);
        auto p = parsed(mapped, kProfile, "gateway");
        QVERIFY(mapped.run([&](Context &c) { return saveColumnProfile(c, *p, false); }));
        strict.setNow("2026-10-01T12:00:00+08:00");
        mapped.setNow("2026-10-01T12:00:00+08:00");
        QByteArray strictLog = "timestamp,api,region,status,enterprise_project\n";
        QByteArray gatewayLog = "ts,service,dc,code,tenant,bytes\n";
        for (int i = 0; i < 3000; ++i) {
            const QByteArray time = QStringLiteral("2026-10-01 %1:%2:%3")
                                        .arg(8 + i / 1000, 2, 10, QLatin1Char('0'))
                                        .arg((i / 60) % 60, 2, 10, QLatin1Char('0'))
                                        .arg(i % 60, 2, 10, QLatin1Char('0'))
                                        .toLatin1();
            const bool table = i % 3 == 0;
            const QByteArray status = i % 11 == 0 ? "500" : "200";
            const QByteArray project = i % 2 ? "alpha" : "";
            strictLog += QByteArray(time).replace(' ', 'T') + "+08:00," +
                         (table ? "general-table" : "general-text") + ",cn-north-4," + status + "," +
                         project + "\n";
            gatewayLog += time + "," + (table ? "Table OCR" : "General Text OCR") + "," +
                          (i % 2 ? "Beijing" : "CN North-Beijing4") + "," + status + "," + project + ",123\n";
        }
        auto a = importInto(strict, strictLog, {});
        QVERIFY2(a, a ? "" : qPrintable(a.error().message));
        auto b = importInto(mapped, gatewayLog, "gateway");
        QVERIFY2(b, b ? "" : qPrintable(b.error().message));
        QCOMPARE(b->records, a->records);
        QCOMPARE(b->calls, a->calls);
        const QStringList bill = billOf(strict);
        QCOMPARE(bill.size(), 2);
        QCOMPARE(billOf(mapped), bill);
    }

    void aBadLineImportsNothing()
    {
        test::TestAccount acc;
        enable(acc);
        const ColumnProfile p = parsed(acc, kProfile, "gw").value();
        QVERIFY(acc.run([&](Context &c) { return saveColumnProfile(c, p, false); }));
        acc.setNow("2026-10-01T12:00:00+08:00");
        auto r = importInto(acc,
                            "ts,service,dc,code,tenant\n2026-10-01 09:00:00,General Text OCR,Beijing,200,a\n"
                            "2026-10-01 09:00:01,General Text OCR,Mars,200,a\n",
                            "gw");
        QVERIFY(!r);
        QCOMPARE(r.error().message,
                 QStringLiteral("line 3, column \"dc\" (region): unknown region \"Mars\""));
        QVERIFY(billOf(acc).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
