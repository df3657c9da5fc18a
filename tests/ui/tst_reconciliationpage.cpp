// Bills › Reconciliation against a demo account (issue #14): the console's own transaction export with
// one line a cent short, reconciled in a worker by a click; the month's totals, the difference with its
// cause, the cause filter, the drill to the records, the CSV export and accepting the month with a note.
#include "bills/billspage.h"
#include "bills/reconciliationpage.h"
#include "engine/context.h"
#include "pagewalk.h"
#include "transactionscsv.h"
#include "widgets/errorbanner.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {
const QString kMonth = QStringLiteral("2026-10");

// The month's records as the Transactions page exports them, one pay-per-use line a cent short.
bool writeExport(Engine &engine, const QString &path)
{
    auto records = engine.run([](Context &ctx) {
        RecordFilter f;
        f.billMonth = kMonth;
        return ctx.records.list(f);
    });
    if (!records)
        return false;
    for (Record &r : *records)
        if (r.type == Record::Type::Usage && r.mode == kModePayPerUse && r.charged >= Money::fromCents(1)) {
            r.charged -= Money::fromCents(1);
            r.roundedOff += Money::fromCents(1);
            break;
        }
    QFile f(path);
    return f.open(QIODevice::WriteOnly) &&
           report::exportTransactionsCsv(*records, BillingCalendar(), "USD", f).ok();
}
} // namespace

class TestReconciliationPage : public QObject
{
    Q_OBJECT

private slots:
    void reconcilesFiltersDrillsExportsAccepts()
    {
        test::DemoAccount acc;
        const QString file = acc.dir.filePath("transactions.csv");
        QVERIFY(writeExport(*acc.engine, file));
        ReconciliationPage page(*acc.engine, nullptr);
        page.resize(1100, 700);
        page.refresh();
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.reconcileButton()->isEnabled()); // no file yet

        page.setFiles({file});
        QVERIFY(page.reconcileButton()->isEnabled());
        QTest::mouseClick(page.reconcileButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy() && page.result().has_value(), 30000);

        // Two months in the file: the one with the short line differs by -0.01.
        QTableWidget *months = page.monthsTable();
        int row = -1;
        for (int r = 0; r < months->rowCount(); ++r)
            if (months->item(r, 0)->text() == kMonth)
                row = r;
        QVERIFY(row >= 0);
        months->setCurrentCell(row, 0);
        QCOMPARE(months->item(row, 3)->text(), QStringLiteral("-0.01"));
        QCOMPARE(page.differences()->rowCount(), 1);
        QCOMPARE(page.differences()->index(0, 0).data().toString(), QStringLiteral("Rounding"));

        // The cause filter: another cause hides it, all causes show it again.
        QComboBox *cause = page.causeFilter();
        cause->setFocus();
        cause->setCurrentIndex(cause->findData(QStringLiteral("timing")));
        QCOMPARE(page.differences()->rowCount(), 0);
        cause->setCurrentIndex(cause->findData(QStringLiteral("rounding")));
        QCOMPARE(page.differences()->rowCount(), 1);

        // The drill to the records of the difference's bill line.
        QSignalSpy drill(&page, &ReconciliationPage::recordsRequested);
        page.differencesTable()->setCurrentIndex(page.differences()->index(0, 0));
        QTest::mouseClick(page.recordsButton(), Qt::LeftButton);
        QCOMPARE(drill.count(), 1);
        QCOMPARE(drill.at(0).at(0).toString(), kMonth);
        QCOMPARE(drill.at(0).at(3).toString(), QStringLiteral("pay-per-use"));

        // The differences as CSV.
        const QString csv = acc.dir.filePath("differences.csv");
        QVERIFY(page.exportDifferences(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.startsWith("month,hour,api"));
        QVERIFY(text.contains(",rounding,"));

        page.grab().save(QStringLiteral("/tmp/reconciliationpage.png"));

        // Accepting the month with a note marks it reconciled, in the page and in the account.
        QTest::keyClicks(page.noteEdit(), "a cent of rounding");
        QTest::mouseClick(page.acceptButton(), Qt::LeftButton);
        QCOMPARE(months->item(months->currentRow(), 6)->text(), QStringLiteral("Reconciled"));
        auto reconciled = acc.engine->run([](Context &ctx) { return monthReconciled(ctx, kMonth); });
        QVERIFY(reconciled && *reconciled);

        // The Bills page marks the month.
        BillsPage bills(*acc.engine, nullptr);
        bills.setMonth(kMonth);
        QTRY_VERIFY_WITH_TIMEOUT(
            bills.findChild<QLabel *>(QStringLiteral("billStatus"))->text().contains("Reconciled"), 20000);
        bills.setMonth(QStringLiteral("2026-11"));
        QTRY_VERIFY_WITH_TIMEOUT(
            bills.month() == QStringLiteral("2026-11") &&
                !bills.findChild<QLabel *>(QStringLiteral("billStatus"))->text().isEmpty(),
            20000);
        QVERIFY(!bills.findChild<QLabel *>(QStringLiteral("billStatus"))->text().contains("Reconciled"));
    }

    // A long read shows its progress and stops on Cancel, with the cancellation in the banner.
    void cancels()
    {
        test::DemoAccount acc;
        const QString file = acc.dir.filePath("transactions.csv");
        QVERIFY(writeExport(*acc.engine, file));
        QFile small(file);
        QVERIFY(small.open(QIODevice::ReadOnly));
        const QByteArray text = small.readAll();
        const QByteArray rows = text.mid(text.indexOf('\n') + 1);
        QByteArray big = text;
        while (big.size() < (48 << 20))
            big += rows;
        const QString large = acc.dir.filePath("large.csv");
        QFile out(large);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(big);
        out.close();

        ReconciliationPage page(*acc.engine, nullptr);
        page.resize(1100, 700);
        page.refresh();
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setFiles({large});
        QTest::mouseClick(page.reconcileButton(), Qt::LeftButton);
        QVERIFY(page.isBusy());
        QVERIFY(page.progress()->isVisible());
        QVERIFY(page.cancelButton()->isVisible());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QVERIFY(!page.result().has_value());
        QVERIFY2(page.banner()->message().contains("cancelled"), qPrintable(page.banner()->message()));
        QVERIFY(!page.progress()->isVisible());
    }
};

QTEST_MAIN(TestReconciliationPage)
#include "tst_reconciliationpage.moc"
