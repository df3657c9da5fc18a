// The Bills page on a real two-month account: totals equal the engine's bill to the cent, the previous
// month beside each line, month navigation, drill-down to the transactions and the calls, and the
// exports through the page's own code path read back with tools that are not ours.
#include "billprint.h"
#include "bills/billspage.h"
#include "bills/billtablemodel.h"
#include "bills/importdialog.h"
#include "bills/linedetaildialog.h"
#include "bills/recordloader.h"
#include "bills/recordtablemodel.h"
#include "bills/recordtotalsmodel.h"
#include "bills/transactionspage.h"
#include "financeaccount.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/totalsmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLabel>
#include <QPrinter>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace billing;
using namespace billing::ui;

namespace {
QByteArray runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

// Cells of a worksheet by reference, shared strings resolved.
QHash<QString, QString> readSheet(const QByteArray &xml, const QStringList &shared)
{
    QHash<QString, QString> cells;
    QXmlStreamReader r(xml);
    QString ref, type, value;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == QLatin1String("c")) {
            ref = r.attributes().value(QLatin1String("r")).toString();
            type = r.attributes().value(QLatin1String("t")).toString();
            value.clear();
        } else if (r.isStartElement() && (r.name() == QLatin1String("v") || r.name() == QLatin1String("t"))) {
            value = r.readElementText();
        } else if (r.isEndElement() && r.name() == QLatin1String("c")) {
            cells.insert(ref, type == QLatin1String("s") ? shared.value(value.toInt()) : value);
        }
    }
    return cells;
}

QStringList readShared(const QByteArray &xml)
{
    QStringList out;
    QXmlStreamReader r(xml);
    QString current;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == QLatin1String("si"))
            current.clear();
        else if (r.isStartElement() && r.name() == QLatin1String("t"))
            current += r.readElementText();
        else if (r.isEndElement() && r.name() == QLatin1String("si"))
            out << current;
    }
    return out;
}

// The row of a line in what the table shows (the page's sort proxy keeps the bill's order until sorted).
int rowOf(const BillTableModel &m, const QString &api, const QString &mode)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.line(r).line.api == api && m.line(r).line.mode == mode)
            return r;
    return -1;
}
} // namespace

class TestBillsPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_account;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_account = std::make_unique<test::TestAccount>("2026-10-01T08:00:00+08:00");
        test::buildFinanceAccount(*m_account);
    }

    void totalsEqualTheBillToTheCent()
    {
        BillsPage page(*m_account->engine, nullptr);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.refresh();
        QCOMPARE(page.months(), (QStringList{QStringLiteral("2026-11"), QStringLiteral("2026-10")}));
        QCOMPARE(page.month(), QStringLiteral("2026-11"));
        const Bill bill = test::billOf(*m_account, "2026-11");
        QVERIFY(!bill.lines.empty());
        QCOMPARE(page.model()->comparison().bill.lines.size(), bill.lines.size());
        TotalsModel *t = page.totals();
        QCOMPARE(t->moneyTotal(BillTableModel::Fee), bill.totals.fee);
        QCOMPARE(t->moneyTotal(BillTableModel::Charged), bill.totals.charged);
        QCOMPARE(t->moneyTotal(BillTableModel::RoundedOff), bill.totals.roundedOff);
        QCOMPARE(t->moneyTotal(BillTableModel::PaidCoupon), bill.totals.paidCoupon);
        QCOMPARE(t->moneyTotal(BillTableModel::PaidCash), bill.totals.paidCash);
        QCOMPARE(t->moneyTotal(BillTableModel::Arrears), bill.totals.arrears);
        QCOMPARE(t->countTotal(BillTableModel::Calls), bill.totals.calls);
        QVERIFY(!bill.totals.roundedOff.isZero()); // the fixture leaves something rounded off
        // What the table shows: amounts due with 2 decimals, the exact fee in the tooltip.
        const int row = rowOf(*page.model(), QStringLiteral("general-text"), kModePayPerUse);
        QVERIFY(row >= 0);
        const QModelIndex fee = page.table()->model()->index(row, BillTableModel::Fee);
        QVERIFY(fee.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Exact: ")));
        QCOMPARE(fee.data(Qt::ToolTipRole).toString().section(u'.', 1).section(u' ', 0, 0).size(), 8);
        auto *status = page.findChild<QLabel *>(QStringLiteral("billStatus"));
        QVERIFY(status->text().contains(QStringLiteral("Open")));
        QVERIFY(status->text().contains(QStringLiteral("December 3, 2026")));
    }

    void comparesWithThePreviousMonth()
    {
        BillsPage page(*m_account->engine, nullptr);
        page.refresh();
        const Bill now = test::billOf(*m_account, "2026-11");
        const Bill before = test::billOf(*m_account, "2026-10");
        auto lineOf = [](const Bill &b, const char *api, const QString &mode) {
            for (const BillLine &l : b.lines)
                if (l.api == QLatin1String(api) && l.mode == mode)
                    return l;
            return BillLine();
        };
        const BillLine gtNow = lineOf(now, "general-text", kModePayPerUse);
        const BillLine gtBefore = lineOf(before, "general-text", kModePayPerUse);
        QVERIFY(!gtBefore.charged.isZero());
        const int row = rowOf(*page.model(), QStringLiteral("general-text"), kModePayPerUse);
        const ComparedLine &l = page.model()->line(row);
        QCOMPARE(l.previousCharged, gtBefore.charged);
        QCOMPARE(l.change, gtNow.charged - gtBefore.charged);
        QVERIFY(l.changeBasisPoints.has_value());
        QCOMPARE(*l.changeBasisPoints, qint64(Int128(l.change.units()) * 10000 / gtBefore.charged.units()));
        // id-card moved from pay-per-use to a package: the old pay-per-use line shows as gone.
        const int gone = rowOf(*page.model(), QStringLiteral("id-card"), kModePayPerUse);
        QVERIFY(gone >= 0);
        QVERIFY(!page.model()->line(gone).inThisMonth);
        QCOMPARE(page.model()->line(gone).change, -lineOf(before, "id-card", kModePayPerUse).charged);
        // Totals: previous charged and change of the whole bill.
        QCOMPARE(page.totals()->moneyTotal(BillTableModel::PreviousCharged), before.totals.charged);
        QCOMPARE(page.totals()->moneyTotal(BillTableModel::Change),
                 now.totals.charged - before.totals.charged);
        QCOMPARE(page.model()->comparison().totals.change, now.totals.charged - before.totals.charged);

        // The previous-month button shows October, final since November 3rd.
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::mouseClick(page.findChild<QToolButton *>(QStringLiteral("previousMonth")), Qt::LeftButton);
        QCOMPARE(page.month(), QStringLiteral("2026-10"));
        QVERIFY(
            page.findChild<QLabel *>(QStringLiteral("billStatus"))->text().contains(QStringLiteral("Final")));
        QCOMPARE(page.totals()->moneyTotal(BillTableModel::Charged), before.totals.charged);
        QVERIFY(!page.findChild<QToolButton *>(QStringLiteral("previousMonth"))->isEnabled());
        QTest::mouseClick(page.findChild<QToolButton *>(QStringLiteral("nextMonth")), Qt::LeftButton);
        QCOMPARE(page.month(), QStringLiteral("2026-11"));
    }

    void drillsDownFromALineToTheCalls()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("drill.ini")));
        MainWindow w(*m_account->engine, settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(PageId::Bills);
        auto *bills = qobject_cast<BillsPage *>(w.page(PageId::Bills));
        auto *transactions = qobject_cast<TransactionsPage *>(w.page(PageId::Transactions));
        QVERIFY(bills && transactions);
        QTableView *table = bills->table();
        const int row = rowOf(*bills->model(), QStringLiteral("general-text"), kModePayPerUse);
        QVERIFY(row >= 0);
        const QRect rect = table->visualRect(table->model()->index(row, BillTableModel::Api));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(w.currentPage(), PageId::Transactions);

        // Transactions filtered to that month, API, region and mode.
        QTRY_VERIFY(!transactions->isLoading());
        const RecordFilter f = transactions->loader()->filter();
        QCOMPARE(f.billMonth, QStringLiteral("2026-11"));
        QCOMPARE(f.api, QStringLiteral("general-text"));
        QCOMPARE(f.region, QStringLiteral("cn-north-4"));
        QCOMPARE(f.mode, kModePayPerUse);
        RecordTableModel *records = transactions->model();
        QVERIFY(records->rowCount() > 0);
        for (const Record &r : records->records()) {
            QCOMPARE(r.api, QStringLiteral("general-text"));
            QCOMPARE(r.mode, kModePayPerUse);
            QCOMPARE(r.billMonth, QStringLiteral("2026-11"));
        }
        const Bill bill = test::billOf(*m_account, "2026-11");
        for (const BillLine &l : bill.lines)
            if (l.api == QLatin1String("general-text") && l.mode == kModePayPerUse) {
                QCOMPARE(transactions->totals()->totals().charged, l.charged);
                QCOMPARE(transactions->totals()->totals().fee, l.fee);
                QCOMPARE(transactions->totals()->totals().calls, l.calls);
            }

        // The largest usage line, opened with Enter: tier positions and status counts.
        int largest = 0;
        for (int r = 1; r < records->rowCount(); ++r)
            if (records->record(r).calls > records->record(largest).calls)
                largest = r;
        transactions->table()->setFocus();
        transactions->table()->setCurrentIndex(records->index(largest, 0));
        QTest::keyClick(transactions->table(), Qt::Key_Return);
        auto *dialog = transactions->findChild<LineDetailDialog *>();
        QVERIFY(dialog);
        QVERIFY2(dialog->isLoaded(), qPrintable(dialog->errorText()));
        const QString text = dialog->text();
        QVERIFY2(text.contains(QStringLiteral("First position")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Price per 1,000")));
        QVERIFY(text.contains(QStringLiteral("billable")));
        QVERIFY(text.contains(QStringLiteral("failed (not charged)")));
        QVERIFY(text.contains(QStringLiteral("Billable 5,555 \u00b7 failed 42 \u00b7 rejected 0")));
        QVERIFY(text.contains(QStringLiteral("Σ calls × price / 1,000")));
        const LineDetail &d = dialog->detail();
        QCOMPARE(d.tiers.size(), size_t(1));
        QCOMPARE(d.tiers[0].firstPosition, qint64(1)); // the month's counter restarts in November
        QCOMPARE(d.tiers[0].calls, qint64(5555));
        QVERIFY(text.contains(QStringLiteral("8.33250000"))); // 5,555 × 1.50 / 1,000
        QVERIFY(text.contains(QStringLiteral("8.33")));
    }

    void exportsEqualTheBill()
    {
        BillsPage page(*m_account->engine, nullptr);
        page.refresh();
        const Bill bill = test::billOf(*m_account, "2026-11");
        auto exportTo = [&](report::Format format, const char *name) {
            const QString path = m_dir.filePath(QLatin1String(name));
            QSignalSpy done(&page, &BillsPage::exportFinished);
            page.exportTo(format, path);
            if (!done.wait(30000) || !done.first().at(0).toBool()) {
                qWarning("export failed: %s",
                         done.isEmpty() ? "timeout" : qPrintable(done.first().at(1).toString()));
                return QString();
            }
            return path;
        };
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (pdftotext.isEmpty() || unzip.isEmpty())
            QSKIP("pdftotext and unzip are needed (scripts/setup.sh installs them)");

        const QString xlsx = exportTo(report::Format::Xlsx, "bill.xlsx");
        QVERIFY(!xlsx.isEmpty());
        const QStringList shared =
            readShared(runTool(unzip, {QStringLiteral("-p"), xlsx, QStringLiteral("xl/sharedStrings.xml")}));
        const auto exact = readSheet(
            runTool(unzip, {QStringLiteral("-p"), xlsx, QStringLiteral("xl/worksheets/sheet2.xml")}), shared);
        const int totalRow = 2 + int(bill.lines.size());
        QCOMPARE(exact.value(QStringLiteral("A%1").arg(totalRow)), QStringLiteral("total"));
        const Money totals[] = {bill.totals.fee,        bill.totals.charged,  bill.totals.roundedOff,
                                bill.totals.paidCoupon, bill.totals.paidCash, bill.totals.arrears};
        const int decimals[] = {8, 2, 8, 2, 2, 2};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(exact.value(QStringLiteral("%1%2").arg(QChar(u'E' + i)).arg(totalRow)),
                     totals[i].toString(decimals[i]));
        const auto sheet = readSheet(
            runTool(unzip, {QStringLiteral("-p"), xlsx, QStringLiteral("xl/worksheets/sheet1.xml")}), shared);
        const int billTotalRow = 6 + int(bill.lines.size());
        QCOMPARE(sheet.value(QStringLiteral("A%1").arg(billTotalRow)), QStringLiteral("Total"));
        for (int i = 0; i < 6; ++i) {
            const double v =
                sheet.value(QStringLiteral("%1%2").arg(QChar(u'E' + i)).arg(billTotalRow)).toDouble();
            QCOMPARE(QString::number(v, 'f', decimals[i]), totals[i].toString(decimals[i]));
        }

        const QString pdf = exportTo(report::Format::Pdf, "bill.pdf");
        QVERIFY(!pdf.isEmpty());
        const QString text =
            QString::fromUtf8(runTool(pdftotext, {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
        QVERIFY2(text.contains(QStringLiteral("Bill for 2026-11")), qPrintable(text));
        const QLocale locale;
        QVERIFY(text.contains(QStringLiteral("Amount charged")));
        QVERIFY2(text.contains(bill.totals.charged.toDisplayString(locale, 2) + QStringLiteral(" USD")),
                 qPrintable(text));
        QVERIFY(text.contains(bill.totals.fee.toDisplayString(locale, 8) + QStringLiteral(" USD")));
        QVERIFY(text.contains(bill.totals.roundedOff.toDisplayString(locale, 8) + QStringLiteral(" USD")));
        QVERIFY(text.contains(bill.totals.paidCash.toDisplayString(locale, 2) + QStringLiteral(" USD")));

        const QString csv = exportTo(report::Format::Csv, "bill.csv");
        QVERIFY(!csv.isEmpty());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList rows =
            QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), int(bill.lines.size()) + 2);
        QVERIFY(
            rows.last().startsWith(QStringLiteral("total,,,%1,%2,%3,")
                                       .arg(bill.totals.calls)
                                       .arg(bill.totals.fee.toString(8), bill.totals.charged.toString(2))));
    }

    void printsTheSameLayoutAsThePdf()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        BillsPage page(*m_account->engine, nullptr);
        page.refresh();
        page.setMonth(QStringLiteral("2026-10"));
        const Bill bill = test::billOf(*m_account, "2026-10");
        // What Print… and Print preview… paint, on a high-resolution printer that writes a PDF.
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        const QString path = m_dir.filePath(QStringLiteral("printed.pdf"));
        printer.setOutputFileName(path);
        QVERIFY(report::printBill(page.document(), printer, QLocale()).ok());
        const QString text =
            QString::fromUtf8(runTool(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")}));
        QVERIFY2(text.contains(QStringLiteral("Bill for 2026-10")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Final since")));
        QVERIFY(text.contains(bill.totals.charged.toDisplayString(QLocale(), 2) + QStringLiteral(" USD")));
        QVERIFY(text.contains(bill.totals.roundedOff.toDisplayString(QLocale(), 8) + QStringLiteral(" USD")));
        QVERIFY2(text.contains(QStringLiteral("Page 1 of 1")), qPrintable(text));
    }

    // The "done" walk on the demo account (skipped unless BILLING_DEMO_DB names one, e.g. made with
    // `billingctl --db DB --now 2026-11-27T10:00:00+08:00 demo --months 12`): last month's bill, its
    // largest line, the calls behind it; saves screenshots when BILLING_SCREENSHOT_DIR is set.
    void demoWalkFromLastMonthsBillToTheCalls()
    {
        const QString db = qEnvironmentVariable("BILLING_DEMO_DB");
        if (db.isEmpty())
            QSKIP("BILLING_DEMO_DB is not set");
        const QString shots = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
        FixedClock clock(test::at("2026-11-27T10:00:00+08:00"));
        auto engine = Engine::open(db, clock);
        QVERIFY(engine.ok());
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("demo.ini")));
        MainWindow w(**engine, settings);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto save = [&](QWidget *widget, const char *name) {
            if (!shots.isEmpty())
                QVERIFY(widget->grab().save(QDir(shots).filePath(QLatin1String(name))));
        };
        w.showPage(PageId::Bills);
        auto *bills = qobject_cast<BillsPage *>(w.page(PageId::Bills));
        QTest::mouseClick(bills->findChild<QToolButton *>(QStringLiteral("previousMonth")), Qt::LeftButton);
        QCOMPARE(bills->month(), QStringLiteral("2026-10"));
        const Bill bill =
            *(*engine)->run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
        QCOMPARE(bills->totals()->moneyTotal(BillTableModel::Charged), bill.totals.charged);
        int largest = 0;
        // The largest pay-per-use line (a package line's charge is its purchase or renewal, no calls).
        for (int r = 0; r < bills->model()->rowCount(); ++r)
            if (bills->model()->line(r).line.mode == kModePayPerUse &&
                (bills->model()->line(largest).line.mode != kModePayPerUse ||
                 bills->model()->line(r).line.charged > bills->model()->line(largest).line.charged))
                largest = r;
        const QModelIndex index = bills->table()->model()->index(largest, BillTableModel::Api);
        bills->table()->setCurrentIndex(index);
        QTest::qWait(50);
        save(&w, "07-bill-last-month.png");
        const QPoint at = bills->table()->visualRect(index).center();
        QTest::mouseClick(bills->table()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(bills->table()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(w.currentPage(), PageId::Transactions);
        auto *transactions = qobject_cast<TransactionsPage *>(w.page(PageId::Transactions));
        QTRY_VERIFY_WITH_TIMEOUT(!transactions->isLoading(), 20000);
        const BillLine &line = bills->model()->line(largest).line;
        QCOMPARE(transactions->totals()->totals().charged, line.charged);
        QCOMPARE(transactions->totals()->totals().calls, line.calls);
        transactions->table()->sortByColumn(RecordTableModel::Charged, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(!transactions->isLoading(), 20000);
        transactions->table()->setCurrentIndex(transactions->model()->index(0, 0));
        QTest::qWait(50);
        save(&w, "08-bill-line-transactions.png");
        LineDetailDialog *dialog = transactions->openDetail(transactions->model()->record(0).id);
        QVERIFY(dialog->isLoaded());
        QVERIFY(dialog->text().contains(QStringLiteral("How the fee was truncated")));
        QVERIFY(dialog->text().contains(QStringLiteral("First position")));
        QTest::qWait(50);
        save(dialog, "09-line-detail.png");
        dialog->close();

        // An import that is refused lists every refused line and changes nothing.
        const QString bad = m_dir.filePath(QStringLiteral("demo-bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("timestamp,api,region,status,enterprise_project\n"
                "2026-11-27T09:58:00+08:00,general-text,cn-north-4,200,web\n"
                "2026-11-27T09:58:01+08:00,general-txt,cn-north-4,200,web\n"
                "2026-11-27T09:58:02+08:00,id-card,cn-north-9,200,kyc\n"
                "2026-11-27 09:58:03,id-card,cn-north-4,200,kyc\n"
                "2026-11-27T09:58:04+08:00,id-card,cn-north-4,2OO,kyc\n"
                "2026-11-27T11:00:00+08:00,id-card,cn-north-4,200,kyc\n");
        f.close();
        ImportDialog *import = transactions->openImport();
        import->setPath(bad);
        QSignalSpy finished(import, &ImportDialog::finished);
        import->start();
        QVERIFY(finished.wait(30000));
        QVERIFY(!import->outcome().summary);
        QCOMPARE(import->problems()->rowCount(), 6); // line 2 is late: hour 09 was settled at 10:00
        QTest::qWait(50);
        save(import, "10-import-report.png");
    }
};

QTEST_MAIN(TestBillsPage)
#include "tst_billspage.moc"
