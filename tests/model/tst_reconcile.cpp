// The reconciliation model (issue #14) below billingctl: amounts and times as bill files write them,
// the provider's transaction bill against an account with calls of its own, the progress and cancel
// hooks the console's worker uses. SQLite and (tst_reconcile_pg) PostgreSQL.
#include "engine/context.h"
#include "engine/funds.h"
#include "engine/services.h"
#include "importcsv.h"
#include "reconcile/billpreview.h"
#include "reconcile/reconciliation.h"
#include "testaccount.h"

#include <QFile>
#include <QTest>

using namespace billing;
using billing::test::at;

class TestReconcile : public QObject
{
    Q_OBJECT

    static QString write(const QTemporaryDir &dir, const char *name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

private slots:
    void amounts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("exact"); // empty: refused
        QTest::newRow("plain") << "1234.5"
                               << "1234.50";
        QTest::newRow("grouped") << "1,234.50"
                                 << "1234.50";
        QTest::newRow("millions") << "-12,345,678.00150000"
                                  << "-12345678.0015";
        QTest::newRow("trailing zeros") << "0.0015000000"
                                        << "0.0015";
        QTest::newRow("spaces") << " 7 "
                                << "7.00";
        QTest::newRow("bad grouping") << "12,34.5"
                                      << "";
        QTest::newRow("grouping of four") << "1,2345"
                                          << "";
        QTest::newRow("nine decimals") << "0.000000001"
                                       << "";
        QTest::newRow("text") << "abc"
                              << "";
        QTest::newRow("exponent") << "1e3"
                                  << "";
    }
    void amounts()
    {
        QFETCH(QString, text);
        QFETCH(QString, exact);
        const Result<Money> m = parseBillAmount(text);
        if (exact.isEmpty()) {
            QVERIFY(!m);
            QCOMPARE(m.error().code, ErrorCode::BadData);
        } else {
            QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
            QCOMPARE(*m, *Money::parse(exact));
        }
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("iso"); // empty: refused
        QTest::newRow("gmt") << "2020-08-23 22:00:00 GMT+08:00"
                             << "2020-08-23T22:00:00+08:00";
        QTest::newRow("period") << "2020-08-23 22:00:00 GMT+08:00-2020-08-23 23:00:00 GMT+08:00"
                                << "2020-08-23T22:00:00+08:00";
        QTest::newRow("slashes, UTC+8") << "2020/07/02 08:36"
                                        << "2020-07-02T08:36:00+08:00";
        QTest::newRow("iso") << "2020-07-02T00:36:00Z"
                             << "2020-07-02T08:36:00+08:00";
        QTest::newRow("trailing text") << "2020-07-02 08:36:00-ish"
                                       << "";
        QTest::newRow("month 13") << "2020-13-02 08:36"
                                  << "";
        QTest::newRow("no time") << "2020-07-02"
                                 << "";
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(QString, iso);
        const Result<Instant> t = parseBillTime(text);
        if (iso.isEmpty()) {
            QVERIFY(!t);
            return;
        }
        QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
        QCOMPARE(BillingCalendar().format(*t), iso);
    }

    // A provider bill of the account's calls, one hour a cent short (rounding), one row of another
    // service; then the same file with the cancel flag set.
    // The account's calls: 1000 at 09:10 and 700 at 10:10 on 2026-10-01 (general-text, cn-north-4).
    static void withCalls(test::TestAccount &acc)
    {
        QVERIFY(acc.run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(10000)); }));
        QByteArray calls = "timestamp,api,region,status,count\n";
        calls += "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,1000\n";
        calls += "2026-10-01T10:10:00+08:00,general-text,cn-north-4,200,700\n";
        acc.setNow("2026-10-01T12:00:00+08:00");
        const Status imported = test::importCsv(acc, calls);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    }

    void providerBillAndHooks()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        withCalls(acc);
        QTemporaryDir dir;
        // 1000 calls: fee 1.50, charged 1.50; 700 calls: fee 1.05, charged 1.05 (billed here as 1.04).
        const QString bill = write(
            dir, "bill.csv",
            "\xEF\xBB\xBF"
            "账期,账号,产品类型编码,产品,云服务区,计费模式,账单类型,消费时间,企业项目,使用量,官网价,抹零金额,"
            "应付金额\n"
            "2026-10,Test,hws.service.type.ocr,通用文字识别,华北-北京四,按需,消费-使用,2026-10-01 09:00:00 "
            "GMT+08:00,default,1000,1.50000000,0,1.50\n"
            "2026-10,Test,hws.service.type.ocr,通用文字识别,华北-北京四,按需,消费-使用,2026-10-01 10:00:00 "
            "GMT+08:00,default,700,1.05000000,0.01,1.04\n"
            "2026-10,Test,hws.service.type.ecs,弹性云服务器,华北-北京四,按需,消费-使用,2026-10-01 10:00:00 "
            "GMT+08:00,default,1,9.00,0,9.00\n");
        ReconcileRequest request;
        request.files = {bill};
        int progressCalls = 0;
        ReconcileHooks hooks;
        hooks.progress = [&](int, int files, qint64 done, qint64 total) {
            ++progressCalls;
            return files == 1 && done <= total;
        };
        auto r = acc.run([&](Context &ctx) { return reconcile(ctx, request, hooks); });
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QVERIFY(progressCalls > 0);
        QCOMPARE(r->files.size(), size_t(1));
        QCOMPARE(r->files[0].format, QStringLiteral("provider-transaction"));
        QCOMPARE(r->files[0].ignored.size(), size_t(1));
        QCOMPARE(r->files[0].ignored[0].line, 4);
        QCOMPARE(r->months.size(), size_t(1));
        const MonthReconciliation &m = r->months[0];
        QCOMPARE(m.matched, 1);
        QCOMPARE(m.differences.size(), size_t(1));
        QCOMPARE(m.differences[0].cause, Cause::Rounding);
        QCOMPARE(m.differences[0].difference, -Money::fromCents(1));
        QCOMPARE(m.differences[0].key.hour, at("2026-10-01T10:00:00+08:00"));
        QCOMPARE(m.difference(), -Money::fromCents(1));

        // A resource bill by billing cycle without usage: the month's amounts only, and they match.
        request.files = {write(dir, "resource.csv",
                               "Billing Cycle,Account Name,Product,Region,Billing Mode,Amount Due\n"
                               "2026-10,Test,General Text OCR,CN North-Beijing4,Pay-per-use,2.55\n")};
        auto resource = acc.run([&](Context &ctx) { return reconcile(ctx, request); });
        QVERIFY2(resource, qPrintable(resource ? QString() : resource.error().message));
        QCOMPARE(resource->files[0].format, QStringLiteral("provider-resource"));
        QCOMPARE(resource->months.size(), size_t(1));
        QCOMPARE(resource->months[0].matched, 1);
        QVERIFY(resource->matches());
        // The same with one cent more: a price difference (calls unknown, the fee differs).
        request.files = {write(dir, "resource2.csv",
                               "Billing Cycle,Account Name,Product,Region,Billing Mode,Amount Due\n"
                               "2026-10,Test,General Text OCR,CN North-Beijing4,Pay-per-use,2.56\n")};
        resource = acc.run([&](Context &ctx) { return reconcile(ctx, request); });
        QVERIFY(resource);
        QCOMPARE(resource->months[0].differences.size(), size_t(1));
        QCOMPARE(resource->months[0].differences[0].cause, Cause::Price);
        QCOMPARE(differenceJson(resource->months[0].differences[0], BillingCalendar())
                     .value("provider")
                     .toObject()
                     .value("calls")
                     .isNull(),
                 true);
        request.files = {bill};

        // Cancelled from another thread (here: before it starts): the cancellation, nothing else.
        std::atomic_bool cancel{true};
        hooks.cancel = &cancel;
        auto cancelled = acc.run([&](Context &ctx) { return reconcile(ctx, request, hooks); });
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().message, QStringLiteral("The reconciliation was cancelled."));
    }

    // Several files are read two at a time (performance.md P7): the same lines as one file, the summaries
    // in the files' order, the first bad file's error in that order, and the cancellation.
    void severalFiles()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        withCalls(acc);
        QTemporaryDir dir;
        const QByteArray header = "Billing Cycle,Account Name,Product,Region,Billing Mode,Expenditure Time,"
                                  "Usage,Amount Due\n";
        const QString nine = write(dir, "nine.csv",
                                   header + "2026-10,Test,General Text OCR,CN North-Beijing4,Pay-per-use,"
                                            "2026-10-01 09:00:00 GMT+08:00,600,0.90\n");
        const QString nineMore = write(dir, "nine-more.csv",
                                       header + "2026-10,Test,General Text OCR,CN North-Beijing4,Pay-per-use,"
                                                "2026-10-01 09:00:00 GMT+08:00,400,0.60\n");
        const QString ten = write(dir, "ten.csv",
                                  header + "2026-10,Test,General Text OCR,CN North-Beijing4,Pay-per-use,"
                                           "2026-10-01 10:00:00 GMT+08:00,700,1.05\n");
        const QString notBill = write(dir, "not-a-bill.csv", "a,b\n1,2\n");
        const QString notBill2 = write(dir, "not-a-bill-2.csv", "c,d\n3,4\n");
        ReconcileRequest request;
        request.files = {nine, ten, nineMore};
        auto r = acc.run([&](Context &ctx) { return reconcile(ctx, request); });
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->files.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i)
            QCOMPARE(r->files[i].path, request.files[qsizetype(i)]);
        QCOMPARE(r->months.size(), size_t(1));
        QCOMPARE(r->months[0].matched, 2); // 600 + 400 calls of the 09:00 hour add up
        QVERIFY(r->matches());

        for (const QStringList &files : {QStringList{nine, notBill, ten, notBill2, nineMore},
                                         QStringList{notBill, nine, ten, nineMore, notBill2}}) {
            request.files = files;
            auto bad = acc.run([&](Context &ctx) { return reconcile(ctx, request); });
            QVERIFY(!bad);
            QVERIFY2(bad.error().message.contains(QLatin1String("not-a-bill.csv")),
                     qPrintable(bad.error().message));
        }

        request.files = {nine, ten, nineMore};
        std::atomic_bool cancel{true};
        ReconcileHooks hooks;
        hooks.cancel = &cancel;
        auto cancelled = acc.run([&](Context &ctx) { return reconcile(ctx, request, hooks); });
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().message, QStringLiteral("The reconciliation was cancelled."));
    }

    // What the mapping dialog shows of a bill in another layout: whether the headers are recognized, the
    // first rows, a first guess of the fields, and the rows as a provider-bill profile reads them.
    void previewThroughAProfile()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QTemporaryDir dir;
        const QString custom = write(dir, "custom.csv",
                                     "Svc,When,Zone,Due\n"
                                     "General Text OCR,2026-10-01 09:00:00 GMT+08:00,cn-north-4,1.50\n"
                                     "Elastic Cloud Server,2026-10-01 09:00:00 GMT+08:00,cn-north-4,9.00\n"
                                     "General Text OCR,2026-10-01 10:00:00 GMT+08:00,cn-north-4,1.5.0\n");
        const QString known = write(dir, "known.csv",
                                    "Billing Cycle,Product,Region,Amount Due\n"
                                    "2026-10,General Text OCR,CN North-Beijing4,2.55\n");
        auto options = acc.run([](Context &ctx) -> Result<BillFileOptions> { return billOptionsOf(ctx); });
        QVERIFY(options);
        auto customKnown = billLayoutRecognized(custom, *options);
        QVERIFY(customKnown && !*customKnown);
        auto knownKnown = billLayoutRecognized(known, *options);
        QVERIFY(knownKnown && *knownKnown);
        QVERIFY(!billLayoutRecognized(dir.filePath("missing.csv"), *options));

        auto two = sampleBillFile(custom, 2);
        QVERIFY(two);
        QCOMPARE(two->columns, QStringList({"Svc", "When", "Zone", "Due"}));
        QCOMPARE(two->rows.size(), size_t(2));
        QCOMPARE(two->rows[1].line, 3);
        QCOMPARE(suggestedBillField(QStringLiteral("应付金额")), QStringLiteral("charged"));
        QCOMPARE(suggestedBillField(QStringLiteral("amount_due")), QStringLiteral("charged"));
        QCOMPARE(suggestedBillField(QStringLiteral("Svc")), QString());

        auto sample = sampleBillFile(custom, 20);
        QVERIFY(sample);
        options->profile = ColumnProfile{
            QStringLiteral("custom"),
            ProfileKind::ProviderBill,
            {{"Svc", "api"}, {"When", "expenditure_time"}, {"Zone", "region"}, {"Due", "charged"}},
            TimeFormat::Iso8601,
            0,
            {}};
        auto rows = previewBillRows(*sample, *options, QStringLiteral("custom.csv"));
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
        QCOMPARE(rows->size(), size_t(3));
        QVERIFY((*rows)[0].key);
        QCOMPARE((*rows)[0].key->api, QStringLiteral("general-text"));
        QCOMPARE((*rows)[0].key->month, QStringLiteral("2026-10"));
        QCOMPARE((*rows)[0].figures.charged, Money::fromCents(150));
        QVERIFY(!(*rows)[1].key && !(*rows)[1].ignored.isEmpty() && (*rows)[1].problem.isEmpty());
        QVERIFY2((*rows)[2].problem.startsWith(QStringLiteral("custom.csv, line 4, column 4")),
                 qPrintable((*rows)[2].problem));
        // A profile whose amount-due column the file lacks: the header is refused.
        options->profile->columns = {{"Svc", "api"}, {"Amount", "charged"}};
        QVERIFY(!previewBillRows(*sample, *options, QStringLiteral("custom.csv")));
    }
};

QTEST_GUILESS_MAIN(TestReconcile)
#include "tst_reconcile.moc"
