// billingctl export-bill: the three files say what `billingctl --json bill` says, read back with tools
// that are not ours (an RFC 4180 parse here, unzip + an XML reader, poppler's pdftotext).
#include "billexport.h"
#include "billprint.h"
#include "clirunner.h"
#include "csvexport.h"
#include "money/money.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QXmlStreamReader>

using namespace billing;

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T12:00:00+08:00");
const QString T2 = QStringLiteral("2026-10-02T08:00:00+08:00");
const QString Month = QStringLiteral("2026-10");
const QString AccountName = QStringLiteral("Acme & \"Sons\", Ltd <OCR>");
const char *const AmountKeys[] = {"fee", "charged", "rounded_off", "paid_coupon", "paid_cash", "arrears"};

// RFC 4180: fields separated by commas, records by CRLF (LF accepted), quoted fields with "" for a quote.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u',') {
            row << field;
            field.clear();
            any = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
            row << field;
            rows << row;
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any) {
        row << field;
        rows << row;
    }
    return rows;
}

QByteArray runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
        return {};
    }
    return p.readAllStandardOutput();
}

struct Cell
{
    QString type; // "s" shared string, "n" (or empty) number, "str"/"inlineStr" text
    QString value;
    bool formula = false;
};

// A worksheet's cells by reference ("E7"), read with QXmlStreamReader; shared strings resolved.
QHash<QString, Cell> readSheet(const QByteArray &xml, const QStringList &shared, QString *paneState = nullptr,
                               QString *ySplit = nullptr, int *columnWidths = nullptr)
{
    QHash<QString, Cell> cells;
    QXmlStreamReader r(xml);
    QString ref;
    Cell cell;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            if (r.name() == QLatin1String("c")) {
                ref = r.attributes().value(QLatin1String("r")).toString();
                cell = Cell{r.attributes().value(QLatin1String("t")).toString(), QString(), false};
            } else if (r.name() == QLatin1String("v")) {
                cell.value = r.readElementText();
            } else if (r.name() == QLatin1String("f")) {
                cell.formula = true;
            } else if (r.name() == QLatin1String("t") && cell.type == QLatin1String("inlineStr")) {
                cell.value = r.readElementText();
            } else if (r.name() == QLatin1String("pane")) {
                if (paneState)
                    *paneState = r.attributes().value(QLatin1String("state")).toString();
                if (ySplit)
                    *ySplit = r.attributes().value(QLatin1String("ySplit")).toString();
            } else if (r.name() == QLatin1String("col") && columnWidths) {
                ++*columnWidths;
            }
        } else if (r.isEndElement() && r.name() == QLatin1String("c")) {
            if (cell.type == QLatin1String("s"))
                cell.value = shared.value(cell.value.toInt());
            cells.insert(ref, cell);
        }
    }
    if (r.hasError())
        qWarning("XML error: %s", qPrintable(r.errorString()));
    return cells;
}

QStringList readSharedStrings(const QByteArray &xml)
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

QString cellRef(int col, int row)
{
    return QChar(u'A' + col) + QString::number(row);
}

// A number cell's value written back with the decimals of the contract's string: equal text, equal amount.
QString asDecimal(const Cell &c, int decimals)
{
    return QString::number(c.value.toDouble(), 'f', decimals);
}
} // namespace

class TestBillExport : public QObject
{
    Q_OBJECT

    CliRunner m_cli;
    QJsonObject m_bill;

    QString exportTo(const QString &format, const QString &name)
    {
        const QString path = QDir(m_cli.dir()).filePath(name);
        auto r = m_cli.run(T2, {QStringLiteral("export-bill"), Month, QStringLiteral("--format"), format,
                                QStringLiteral("--out"), path});
        if (r.exitCode != 0)
            qWarning("export-bill failed (%d): %s", r.exitCode, qPrintable(r.err));
        return r.exitCode == 0 ? path : QString();
    }
    QJsonArray lines() const { return m_bill[QStringLiteral("lines")].toArray(); }
    QJsonObject totals() const { return m_bill[QStringLiteral("totals")].toObject(); }

private slots:
    void initTestCase()
    {
        // An account with pay-per-use lines in two APIs (fees with fractions of a cent), a package line,
        // a coupon, cash and arrears, so that every column of the bill has something in it.
        auto ok = [&](const QString &now, const QStringList &args) {
            auto r = m_cli.run(now, args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        };
        ok(T0, {"init", "--name", AccountName});
        ok(T0, {"enable", "general-text", "cn-north-4"});
        ok(T0, {"enable", "general-table", "cn-north-4"});
        ok(T0, {"enable", "id-card", "cn-east-3"});
        ok(T0, {"topup", "260"});
        ok(T0, {"grant-coupon", "1.25", "--expires", "2026-12-31T00:00:00+08:00"});
        ok(T0, {"buy", "id-card", "cn-east-3", "100k"});
        const QByteArray calls = "timestamp,api,region,status,count\n"
                                 "2026-10-01T08:10:00+08:00,general-text,cn-north-4,200,1333\n"
                                 "2026-10-01T08:20:00+08:00,general-table,cn-north-4,200,77\n"
                                 "2026-10-01T09:05:00+08:00,id-card,cn-east-3,200,500\n"
                                 "2026-10-01T10:30:00+08:00,general-text,cn-north-4,200,4001\n"
                                 "2026-10-01T10:40:00+08:00,general-text,cn-north-4,500,12\n";
        auto r = m_cli.run(T1, {"import-calls", "-"}, calls);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = m_cli.run(T2, {"--json", "bill", Month});
        QCOMPARE(r.exitCode, 0);
        m_bill = r.json();
        QVERIFY(lines().size() >= 3);
        QVERIFY(totals()[QStringLiteral("rounded_off")].toString() != QLatin1String("0.00000000"));
        QVERIFY(totals()[QStringLiteral("arrears")].toString() != QLatin1String("0.00"));
    }

    void csvQuotesFieldsAsRfc4180()
    {
        Bill bill;
        bill.month = QStringLiteral("2026-10");
        BillLine l;
        l.api = QStringLiteral("odd,\"api\"");
        l.region = QStringLiteral("line\nbreak");
        l.mode = QStringLiteral("pay-per-use");
        l.calls = 3;
        l.fee = Money::fromUnits(459'9822);
        l.charged = l.fee.truncatedToCents();
        l.roundedOff = l.fee.centRemainder();
        bill.lines.push_back(l);
        bill.totals = l;
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        QVERIFY(report::exportBillCsv(bill, QStringLiteral("USD"), buf).ok());
        const QString text = QString::fromUtf8(buf.data());
        QVERIFY(text.contains(QLatin1String("\"odd,\"\"api\"\"\"")));
        const auto rows = parseCsv(text);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1][0], l.api);
        QCOMPARE(rows[1][1], l.region);
        QCOMPARE(rows[1][4], QStringLiteral("0.04599822")); // the provider's example (billing-rules §3)
        QCOMPARE(rows[1][5], QStringLiteral("0.04"));
        QCOMPARE(rows[1][6], QStringLiteral("0.00599822"));
        QCOMPARE(rows[2][0], QStringLiteral("total"));
    }

    void csvQuotesCarriageReturns()
    {
        // A lone CR ends a record for many readers: a field holding one is quoted like a LF.
        QCOMPARE(report::csvRow({QStringLiteral("a\rb"), QStringLiteral("plain")}),
                 QStringLiteral("\"a\rb\",plain\r\n"));
        QCOMPARE(report::csvFields({QStringLiteral("x\r"), QStringLiteral("y\n")}),
                 QStringLiteral("\"x\r\",\"y\n\""));
        const auto rows = parseCsv(report::csvRow({QStringLiteral("one\rtwo"), QStringLiteral("3")}));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0], (QStringList{QStringLiteral("one\rtwo"), QStringLiteral("3")}));
    }

    void csvEqualsTheBill()
    {
        const QString path = exportTo(QStringLiteral("csv"), QStringLiteral("bill.csv"));
        QVERIFY(!path.isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
        const auto rows = parseCsv(QString::fromUtf8(bytes));
        const QStringList header{"api",         "region",      "mode",      "calls",   "fee",     "charged",
                                 "rounded_off", "paid_coupon", "paid_cash", "arrears", "currency"};
        QCOMPARE(rows.value(0), header);
        QCOMPARE(rows.size(), lines().size() + 2);
        auto check = [&](const QStringList &row, const QJsonObject &want) {
            QCOMPARE(row.size(), header.size());
            for (const char *key : AmountKeys) {
                const QString got = row[header.indexOf(QLatin1String(key))];
                const QString exp = want[QLatin1String(key)].toString();
                QCOMPARE(got, exp); // exact decimal text, so equal to the cent and beyond
                QCOMPARE(Money::parse(got)->truncatedToCents(), Money::parse(exp)->truncatedToCents());
            }
            QCOMPARE(row[3].toLongLong(), want[QStringLiteral("calls")].toInteger());
            QCOMPARE(row[10], QStringLiteral("USD"));
        };
        for (int i = 0; i < lines().size(); ++i) {
            const QJsonObject l = lines()[i].toObject();
            QCOMPARE(rows[i + 1][0], l[QStringLiteral("api")].toString());
            QCOMPARE(rows[i + 1][1], l[QStringLiteral("region")].toString());
            QCOMPARE(rows[i + 1][2], l[QStringLiteral("mode")].toString());
            check(rows[i + 1], l);
        }
        QCOMPARE(rows.last()[0], QStringLiteral("total"));
        check(rows.last(), totals());
    }

    void xlsxHasTypedCellsAndTheEngineTotals()
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (unzip.isEmpty())
            QSKIP("unzip is not installed (scripts/setup.sh installs it)");
        const QString path = exportTo(QStringLiteral("xlsx"), QStringLiteral("bill.xlsx"));
        QVERIFY(!path.isEmpty());
        auto part = [&](const char *name) {
            return runTool(unzip, {QStringLiteral("-p"), path, QLatin1String(name)});
        };

        const QByteArray workbook = part("xl/workbook.xml");
        QVERIFY(workbook.contains("name=\"Bill\""));
        QVERIFY(workbook.contains("name=\"exact\""));
        const QByteArray styles = part("xl/styles.xml");
        QVERIFY(styles.contains("formatCode=\"#,##0.00\""));
        QVERIFY(styles.contains("formatCode=\"#,##0.00000000\""));
        QVERIFY(styles.contains("<b/>"));
        const QStringList shared = readSharedStrings(part("xl/sharedStrings.xml"));
        QVERIFY(!shared.isEmpty());

        QString pane, ySplit;
        int widths = 0;
        const QByteArray sheet1 = part("xl/worksheets/sheet1.xml");
        const auto cells = readSheet(sheet1, shared, &pane, &ySplit, &widths);
        QCOMPARE(pane, QStringLiteral("frozen"));
        QCOMPARE(ySplit, QStringLiteral("5"));
        QVERIFY(widths >= 5);
        QVERIFY(cells.value(QStringLiteral("A1")).value.contains(AccountName));
        QVERIFY(cells.value(QStringLiteral("A1")).value.contains(Month));
        QCOMPARE(cells.value(QStringLiteral("D2")).value, QStringLiteral("open"));
        QCOMPARE(cells.value(QStringLiteral("H2")).value, QStringLiteral("USD"));
        QCOMPARE(cells.value(QStringLiteral("E5")).value, QStringLiteral("Fee"));

        // Lines from row 6, then the totals row: numbers (no formulas), equal to the engine's to the cent.
        const int first = 6;
        const int totalRow = first + int(lines().size());
        QCOMPARE(cells.value(cellRef(0, totalRow)).value, QStringLiteral("Total"));
        auto check = [&](int row, const QJsonObject &want) {
            const QString calls = cellRef(3, row);
            QVERIFY(cells.value(calls).type.isEmpty() || cells.value(calls).type == QLatin1String("n"));
            QCOMPARE(cells.value(calls).value.toLongLong(), want[QStringLiteral("calls")].toInteger());
            int col = 4;
            for (const char *key : AmountKeys) {
                const Cell c = cells.value(cellRef(col++, row));
                QVERIFY2(c.type.isEmpty() || c.type == QLatin1String("n"), key);
                QVERIFY(!c.formula);
                const QString exp = want[QLatin1String(key)].toString();
                const int decimals = int(exp.size() - exp.indexOf(u'.') - 1);
                QCOMPARE(asDecimal(c, decimals), exp);
                QVERIFY(qAbs(c.value.toDouble() - exp.toDouble()) < 0.005);
            }
        };
        for (int i = 0; i < lines().size(); ++i) {
            QCOMPARE(cells.value(cellRef(0, first + i)).value,
                     lines()[i].toObject()[QStringLiteral("api")].toString());
            check(first + i, lines()[i].toObject());
        }
        check(totalRow, totals());
        QVERIFY(!sheet1.contains("<f>"));

        // The "exact" sheet keeps the exact decimal strings.
        const auto exact = readSheet(part("xl/worksheets/sheet2.xml"), shared);
        QCOMPARE(exact.value(QStringLiteral("E1")).value, QStringLiteral("fee"));
        const int exactTotal = 2 + int(lines().size());
        QCOMPARE(exact.value(cellRef(0, exactTotal)).value, QStringLiteral("total"));
        int col = 4;
        for (const char *key : AmountKeys)
            QCOMPARE(exact.value(cellRef(col++, exactTotal)).value, totals()[QLatin1String(key)].toString());
        for (int i = 0; i < lines().size(); ++i)
            QCOMPARE(exact.value(cellRef(4, 2 + i)).value,
                     lines()[i].toObject()[QStringLiteral("fee")].toString());
    }

    void pdfReadsAsTheBill()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString path = exportTo(QStringLiteral("pdf"), QStringLiteral("bill.pdf"));
        QVERIFY(!path.isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");

        const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), {path}));
        QVERIFY2(info.contains(QLatin1String("(A4)")), qPrintable(info));

        const QString raw =
            QString::fromUtf8(runTool(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")}));
        const QString text = raw.simplified(); // wrapped lines become single spaces
        QVERIFY2(text.contains(QStringLiteral("Bill for ") + Month), qPrintable(raw));
        QVERIFY(text.contains(AccountName));
        QVERIFY(text.contains(QLatin1String("USD")));
        QVERIFY(text.contains(QLatin1String("becomes final on")));
        const QLocale locale;
        auto shown = [&](const char *key, int decimals) {
            return Money::parse(totals()[QLatin1String(key)].toString())->toDisplayString(locale, decimals);
        };
        // The totals row, in the table's order.
        const QString totalsRow =
            QStringLiteral("Total %1 %2 %3 %4 %5 %6 %7")
                .arg(locale.toString(totals()[QStringLiteral("calls")].toInteger()), shown("fee", 8),
                     shown("charged", 2), shown("rounded_off", 8), shown("paid_coupon", 2),
                     shown("paid_cash", 2), shown("arrears", 2));
        QVERIFY2(text.contains(totalsRow), qPrintable(totalsRow + QStringLiteral("\n") + raw));
        for (const QJsonValue &v : lines())
            QVERIFY(text.contains(
                Money::parse(v.toObject()[QStringLiteral("fee")].toString())->toDisplayString(locale, 8)));
        QVERIFY(text.contains(QStringLiteral("Paid by coupon ") + shown("paid_coupon", 2) +
                              QStringLiteral(" USD")));
        QVERIFY(
            text.contains(QStringLiteral("Paid by cash ") + shown("paid_cash", 2) + QStringLiteral(" USD")));
        QVERIFY(text.contains(QStringLiteral("Arrears ") + shown("arrears", 2) + QStringLiteral(" USD")));
        const QString note =
            QStringLiteral(
                "Amounts charged are truncated to the cent; the rounded-off total %1 USD is not charged.")
                .arg(shown("rounded_off", 8));
        QVERIFY2(text.contains(note), qPrintable(raw));
    }

    void longPdfRepeatsTheHeaderOnEveryPage()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        report::BillDocument doc;
        doc.bill.month = QStringLiteral("2026-09");
        doc.bill.final = true;
        doc.currency = QStringLiteral("USD");
        doc.accountName = QStringLiteral("Long bill");
        doc.finalDate = QDate(2026, 10, 3);
        for (int i = 0; i < 120; ++i) {
            BillLine l;
            l.api = QStringLiteral("api-%1").arg(i, 3, 10, QLatin1Char('0'));
            l.region = QStringLiteral("cn-north-4");
            l.mode = QStringLiteral("pay-per-use");
            l.calls = 1000 + i;
            l.fee = Money::fromUnits(150'000'000 + i * 1'234);
            l.charged = l.fee.truncatedToCents();
            l.roundedOff = l.fee.centRemainder();
            l.paidCash = l.charged;
            doc.bill.lines.push_back(l);
            doc.bill.totals += l;
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.pdf"));
        const Status s = report::exportBillPdf(doc, path, QLocale::c());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), {path}));
        const int pages =
            QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info).captured(1).toInt();
        QVERIFY2(pages >= 2, qPrintable(info));
        for (int p = 1; p <= pages; ++p) {
            const QString page =
                QString::fromUtf8(
                    runTool(pdftotext, {QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(p),
                                        QStringLiteral("-l"), QString::number(p), path, QStringLiteral("-")}))
                    .simplified();
            QVERIFY2(page.contains(QLatin1String("API Region Mode Calls Fee Charged")), qPrintable(page));
            QVERIFY(page.contains(QStringLiteral("Page %1 of %2").arg(p).arg(pages)));
        }
        const QString all =
            QString::fromUtf8(runTool(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")}));
        for (const BillLine &l : doc.bill.lines)
            QVERIFY(all.contains(l.api));
        QVERIFY(all.simplified().contains(
            QStringLiteral("Total %1 %2").arg(doc.bill.totals.calls).arg(doc.bill.totals.fee.toString(8))));
        QVERIFY(all.contains(QLatin1String("Final since")));
    }

    // Every column of both sheets is as wide as what its cells show (amounts in the tens of billions,
    // long ids), so that a spreadsheet shows no "####" and no cut text. The content stays as it was.
    void xlsxColumnsFitWhatTheyShow()
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (unzip.isEmpty())
            QSKIP("unzip is not installed (scripts/setup.sh installs it)");
        report::BillDocument doc;
        doc.bill.month = Month;
        doc.currency = QStringLiteral("USD");
        doc.finalDate = QDate(2026, 11, 3);
        BillLine l;
        l.api = QStringLiteral("custom-enterprise-handwritten-multilingual-invoice-recognition");
        l.region = QStringLiteral("partner-cloud-region-far-east-1");
        l.mode = QStringLiteral("pay-per-use");
        l.calls = 4'000'000'000;
        l.fee = Money::fromUnits(9'012'345'678'912'345'678);
        l.charged = l.fee.truncatedToCents();
        l.roundedOff = l.fee.centRemainder();
        l.paidCash = l.charged;
        doc.bill.lines.push_back(l);
        doc.bill.totals = l;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wide.xlsx"));
        QVERIFY(report::exportBillXlsx(doc, path).ok());

        const QLocale english(QLocale::English);
        QStringList shown{l.api, l.region, QStringLiteral("Pay-per-use"), english.toString(l.calls)};
        for (const AmountColumn &c : kAmountColumns)
            shown << (l.*c.member).toDisplayString(english, c.decimals);
        QStringList exact = QStringList{l.api, l.region, l.mode, QString::number(l.calls)};
        for (const AmountColumn &c : kAmountColumns)
            exact << exactText(l, c);
        exact << QStringLiteral("USD");

        // The first column that is narrower than the text it shows, as a message; empty when all fit.
        auto tooNarrow = [&](const char *sheet, const QStringList &texts) {
            const QString xml =
                QString::fromUtf8(runTool(unzip, {QStringLiteral("-p"), path, QLatin1String(sheet)}));
            QMap<int, double> widths;
            static const QRegularExpression col(
                QStringLiteral("<col min=\"(\\d+)\" max=\"(\\d+)\" width=\"([0-9.]+)\""));
            for (auto m = col.globalMatch(xml); m.hasNext();) {
                const auto c = m.next();
                for (int i = c.captured(1).toInt(); i <= c.captured(2).toInt(); ++i)
                    widths[i - 1] = c.captured(3).toDouble();
            }
            for (int c = 0; c < texts.size(); ++c)
                if (widths.value(c) < texts.at(c).size())
                    return QStringLiteral("%1: column %2 is %3 wide for \"%4\"")
                        .arg(QLatin1String(sheet))
                        .arg(c + 1)
                        .arg(widths.value(c))
                        .arg(texts.at(c));
            return QString();
        };
        QCOMPARE(tooNarrow("xl/worksheets/sheet1.xml", shown), QString());
        QCOMPARE(tooNarrow("xl/worksheets/sheet2.xml", exact), QString());
    }

    void badUsageIsExit2AndWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown format")
            << QStringList{"export-bill", "2026-10", "--format", "docx", "--out", "OUT"};
        QTest::newRow("no format") << QStringList{"export-bill", "2026-10", "--out", "OUT"};
        QTest::newRow("no out") << QStringList{"export-bill", "2026-10", "--format", "csv"};
        QTest::newRow("bad month") << QStringList{"export-bill", "2026-13", "--format",
                                                  "csv",         "--out",   "OUT"};
        QTest::newRow("no month") << QStringList{"export-bill", "--format", "csv", "--out", "OUT"};
    }
    void badUsageIsExit2AndWritesNothing()
    {
        QFETCH(QStringList, args);
        const QString out = QDir(m_cli.dir()).filePath(QStringLiteral("usage.out"));
        args.replaceInStrings(QStringLiteral("OUT"), out);
        auto r = m_cli.run(T2, args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(!QFile::exists(out));
    }

    void unwritableOutIsExit3AndLeavesNoFile_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << QStringLiteral("csv");
        QTest::newRow("xlsx") << QStringLiteral("xlsx");
        QTest::newRow("pdf") << QStringLiteral("pdf");
    }
    void unwritableOutIsExit3AndLeavesNoFile()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no-such-folder/bill.") + format);
        const QString isDir = dir.filePath(QStringLiteral("a-folder"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a-folder")));
        const QByteArray before = m_cli.dbBytes();
        for (const QString &out : {missing, isDir}) {
            // A later clock: a successful command would catch up and change the database.
            auto r = m_cli.run(QStringLiteral("2026-10-05T08:00:00+08:00"),
                               {"export-bill", Month, "--format", format, "--out", out});
            QCOMPARE(r.exitCode, 3);
            QCOMPARE(r.err.count(u'\n'), 1);
            QVERIFY2(r.err.contains(out), qPrintable(r.err));
            QCOMPARE(m_cli.dbBytes(), before); // a non-zero exit changes nothing
        }
        QVERIFY(!QFile::exists(missing));
        QVERIFY(QFileInfo(isDir).isDir());
        // No temporary file left behind next to the target.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
        QCOMPARE(QDir(isDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void exportReplacesAnOldFileWhole()
    {
        const QString path = QDir(m_cli.dir()).filePath(QStringLiteral("replace.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(100000, 'x'));
        }
        auto r = m_cli.run(T2, {"--json", "export-bill", Month, "--format", "csv", "--out", path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json()[QStringLiteral("format")].toString(), QStringLiteral("csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("api,region,"));
        QVERIFY(!bytes.contains("xxx"));
    }
};

QTEST_MAIN(TestBillExport) // a QGuiApplication: the long-PDF case paints in this process
#include "tst_billexport.moc"
