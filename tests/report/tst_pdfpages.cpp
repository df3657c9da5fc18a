// Every PDF and printed page of the bill fits its paper, read back with poppler (not with our code): no
// word's box (`pdftotext -bbox-layout`) crosses the printable area (the page minus its margins, 1 pt of
// tolerance), every column title of the lines table is on every page with "Page n of m", APIs and
// regions carry their catalog names, and `pdftoppm` renders every page without a complaint.
#include "billexport.h"
#include "billprint.h"
#include "clirunner.h"
#include "exportcommon.h"
#include "pdfpages.h"

#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QPageLayout>
#include <QPrinter>
#include <QStandardPaths>

using namespace billing;
using billing::test::PdfPage;
using billing::test::PdfWord;
using billing::test::readPdfPages;

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-31T12:00:00+08:00");
const QString Month = QStringLiteral("2026-10");
const char *const Apis[] = {"general-text",  "general-table", "web-image",       "handwriting",
                            "id-card",       "passport",      "driving-license", "bank-card",
                            "license-plate", "vat-invoice",   "train-ticket",    "flight-itinerary"};
const char *const Regions[] = {"cn-north-4", "cn-east-3", "ap-southeast-1", "ap-southeast-3"};

BillLine line(const QString &api, const QString &region, qint64 calls, qint64 feeUnits)
{
    BillLine l;
    l.api = api;
    l.region = region;
    l.mode = QStringLiteral("pay-per-use");
    l.calls = calls;
    l.fee = Money::fromUnits(feeUnits);
    l.charged = l.fee.truncatedToCents();
    l.roundedOff = l.fee.centRemainder();
    l.paidCoupon = Money::fromUnits(feeUnits / 7).truncatedToCents();
    l.paidCash = l.charged - l.paidCoupon;
    return l;
}

// A bill as wide as the money type allows: amounts of tens of billions, names without a space to break
// at, more lines than a page holds.
report::BillDocument extremeBill()
{
    report::BillDocument doc;
    doc.bill.month = Month;
    doc.bill.final = true;
    doc.currency = QStringLiteral("USD");
    doc.accountName = QStringLiteral("Northwind-Document-Processing-Shared-Services-Center-Finance-And-"
                                     "Procurement-Department-Asia-Pacific-Region");
    doc.finalDate = QDate(2026, 11, 3);
    doc.generatedAt = QStringLiteral("2026-11-27T10:00:00+08:00");
    for (int i = 0; i < 90; ++i) {
        const QString api =
            QStringLiteral("custom-enterprise-handwritten-multilingual-invoice-recognition-%1").arg(i);
        BillLine l = line(api, QStringLiteral("partner-cloud-region-far-east-%1").arg(i % 5),
                          4'000'000'000 + i, 1'000'000'000'000'000'000 + qint64(i) * 123'456'789);
        doc.bill.lines.push_back(l);
    }
    for (const BillLine &l : doc.bill.lines)
        doc.bill.totals.calls += l.calls; // amount totals stay small: the sum would leave the money range
    doc.bill.totals.fee = Money::fromUnits(9'000'000'000'000'000'000);
    doc.bill.totals.charged = doc.bill.totals.fee;
    doc.bill.totals.arrears = Money::fromUnits(-9'000'000'000'000'000'000);
    return doc;
}
} // namespace

class TestPdfPages : public QObject
{
    Q_OBJECT

    CliRunner m_cli;
    QTemporaryDir m_dir;

    // Checks one PDF against the page layout it was made with.
    void checkPdf(const QString &pdf, const QPageLayout &layout, int minPages)
    {
        const QList<PdfPage> pages = readPdfPages(pdf);
        QVERIFY2(pages.size() >= minPages,
                 qPrintable(QStringLiteral("%1: %2 pages").arg(pdf).arg(pages.size())));
        QCOMPARE(test::pageMisfit(pages, layout), QString());
        const QStringList titles = report::columnTitles();
        bool totalsSeen = false;
        for (int p = 0; p < pages.size(); ++p) {
            const QString where = QStringLiteral("%1, page %2: ").arg(QFileInfo(pdf).fileName()).arg(p + 1);
            const QString text = pages.at(p).text();
            // Titles may wrap between their words (and poppler may read them in another order).
            const QStringList words = pages.at(p).texts();
            // The lines table ends with its totals row: a page after it (the payment summary) has no header.
            const bool tablePage = !totalsSeen;
            totalsSeen = totalsSeen || words.contains(QLatin1String("Total"));
            for (const QString &title : tablePage ? titles : QStringList())
                for (const QString &word : title.split(u' '))
                    QVERIFY2(words.contains(word),
                             qPrintable(where + QStringLiteral("no column \"%1\" in: %2").arg(title, text)));
            const QString number = QStringLiteral("Page %1 of %2").arg(p + 1).arg(pages.size());
            QVERIFY2(text.contains(number), qPrintable(where + QStringLiteral("no \"%1\"").arg(number)));
        }
        QCOMPARE(test::renderProblems(pdf, pages.size()), QString());
    }

    // BILLING_PDF_DIR keeps the PDFs and their page pictures (to look at them).
    QString path(const QString &name) const
    {
        const QString keep = qEnvironmentVariable("BILLING_PDF_DIR");
        return keep.isEmpty() ? m_dir.filePath(name) : QDir(keep).filePath(name);
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"pdftotext", "pdftoppm"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty(),
                     "poppler-utils is not installed (scripts/setup.sh installs it)");
        QVERIFY(m_dir.isValid());
        // Every API in every region: more lines than one page holds; a coupon, cash and arrears.
        auto ok = [&](const QString &now, const QStringList &args, const QByteArray &in = {}) {
            const CliResult r = m_cli.run(now, args, in);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        };
        ok(T0, {"init", "--name",
                "Northwind Document Processing Shared Services Center (Finance & Procurement)"});
        QByteArray calls = "timestamp,api,region,status,count\n";
        int n = 0;
        for (const char *api : Apis) {
            for (const char *region : Regions) {
                ok(T0, {"enable", QLatin1String(api), QLatin1String(region)});
                calls += QStringLiteral("2026-10-02T09:%1:00+08:00,%2,%3,200,%4\n")
                             .arg(n % 60, 2, 10, QLatin1Char('0'))
                             .arg(QLatin1String(api), QLatin1String(region))
                             .arg(1000 + 7919 * n)
                             .toUtf8();
                ++n;
            }
        }
        ok(T0, {"topup", "300"});
        ok(T0, {"grant-coupon", "25.50", "--expires", "2026-12-31T00:00:00+08:00"});
        ok(T0, {"buy", "id-card", "cn-east-3", "100k"});
        ok(T1, {"import-calls", "-"}, calls);
    }

    void billFromBillingctlFitsLandscapeA4()
    {
        const QString pdf = path(QStringLiteral("cli-bill.pdf"));
        const CliResult r = m_cli.run(T1, {"export-bill", Month, "--format", "pdf", "--out", pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        checkPdf(pdf, report::billPageLayout(), 2);
        // Names as the console shows them, not ids.
        QString all;
        for (const PdfPage &page : readPdfPages(pdf))
            all += page.text() + u' ';
        QVERIFY2(all.contains(QLatin1String("General Text")) &&
                     all.contains(QLatin1String("CN North-Beijing4")) &&
                     all.contains(QLatin1String("AP-Singapore")),
                 qPrintable(all));
        for (const char *id : {"general-text", "cn-north-4", "ap-southeast-3"})
            QVERIFY2(!all.contains(QLatin1String(id)), id);
    }

    void widestBillFitsThePdf()
    {
        const QString pdf = path(QStringLiteral("extreme-bill.pdf"));
        const Status s = report::exportBillPdf(extremeBill(), pdf, QLocale::c());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        checkPdf(pdf, report::billPageLayout(), 3);
        // Numbers are never shortened: the largest fee is there whole.
        QString all;
        for (const PdfPage &page : readPdfPages(pdf))
            all += page.text() + u' ';
        QVERIFY(all.contains(Money::fromUnits(1'000'000'000'000'000'000 + qint64(89) * 123'456'789)
                                 .toDisplayString(QLocale::c(), 8)));
    }

    // Whatever the number of lines, the "Payment" heading stands on the page of its summary (25 lines
    // left it alone at the foot of page 1).
    void noHeadingIsLeftAtThePageFoot()
    {
        for (int count = 20; count <= 45; ++count) {
            report::BillDocument doc = extremeBill();
            doc.accountName = QStringLiteral("Short");
            doc.bill.lines.resize(count);
            for (BillLine &l : doc.bill.lines)
                l = line(QStringLiteral("general-text"), QStringLiteral("cn-north-4"), 10, 150'000'000);
            const QString pdf = path(QStringLiteral("lines-%1.pdf").arg(count));
            QVERIFY(report::exportBillPdf(doc, pdf, QLocale::c()).ok());
            const QList<PdfPage> pages = readPdfPages(pdf);
            auto pageOf = [&](const QString &word) {
                for (int p = 0; p < pages.size(); ++p)
                    for (const PdfWord &w : pages.at(p).words)
                        if (w.text == word)
                            return p;
                return -1;
            };
            QVERIFY(pageOf(QStringLiteral("Payment")) >= 0);
            QVERIFY2(pageOf(QStringLiteral("Payment")) == pageOf(QStringLiteral("List")),
                     qPrintable(QStringLiteral("%1 lines: \"Payment\" on page %2, its summary on page %3")
                                    .arg(count)
                                    .arg(pageOf(QStringLiteral("Payment")) + 1)
                                    .arg(pageOf(QStringLiteral("List")) + 1)));
        }
    }

    // Print and print preview paint through printBill on whatever paper the print dialog left: the
    // console's landscape default, and portrait when the user chose it.
    void printedBillFitsThePrintersPage_data()
    {
        QTest::addColumn<bool>("landscape");
        QTest::addColumn<bool>("screen"); // the console's printer (QPrinter::ScreenResolution), else 1200 dpi
        QTest::newRow("console, landscape") << true << true;
        QTest::newRow("console, portrait") << false << true;
        QTest::newRow("1200 dpi, landscape") << true << false;
        QTest::newRow("1200 dpi, portrait") << false << false;
    }
    void printedBillFitsThePrintersPage()
    {
        QFETCH(bool, landscape);
        QFETCH(bool, screen);
        QPrinter printer(screen ? QPrinter::ScreenResolution : QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        QPageLayout layout = report::billPageLayout();
        if (!landscape)
            layout.setOrientation(QPageLayout::Portrait);
        printer.setPageLayout(layout);
        const QString pdf =
            path(QStringLiteral("printed-%1-%2.pdf")
                     .arg(screen ? "screen" : "1200dpi", landscape ? "landscape" : "portrait"));
        printer.setOutputFileName(pdf);
        QVERIFY(report::printBill(extremeBill(), printer, QLocale::c()).ok());
        checkPdf(pdf, printer.pageLayout(), 2);
    }

    // The month-end close pack (issue #14): every section's table fits the page, names as the console
    // shows them, every page renders.
    void closePackFitsLandscapeA4()
    {
        const QString keep = qEnvironmentVariable("BILLING_PDF_DIR");
        const QString dir = keep.isEmpty() ? m_dir.path() : keep;
        const CliResult r =
            m_cli.run(QStringLiteral("2026-11-05T09:00:00+08:00"), {"close", Month, "--out", dir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString pdf = QDir(dir).filePath(QStringLiteral("close-%1.pdf").arg(Month));
        const QList<PdfPage> pages = readPdfPages(pdf);
        QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
        QCOMPARE(test::pageMisfit(pages, report::billPageLayout()), QString());
        QString all;
        for (int p = 0; p < pages.size(); ++p) {
            all += pages.at(p).text() + u' ';
            QVERIFY2(
                pages.at(p).text().contains(QStringLiteral("Page %1 of %2").arg(p + 1).arg(pages.size())),
                qPrintable(pages.at(p).text()));
        }
        for (const char *heading : {"Rounded-off ledger", "Chargeback statement:", "Budgets against actual",
                                    "Anomalies of the month", "Not reconciled", "Spend guards that fired",
                                    "Audit chain head at closing", "General Text"})
            QVERIFY2(all.contains(QLatin1String(heading)), heading);
        QCOMPARE(test::renderProblems(pdf, pages.size()), QString());
    }
};

QTEST_MAIN(TestPdfPages)
#include "tst_pdfpages.moc"
