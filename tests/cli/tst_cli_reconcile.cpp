// billingctl reconcile and reconcile accept (issue #14, provider-bills.md §2): provider bills generated
// from a seeded demo account in every documented layout (English and Chinese headers, CSV, ZIP of split
// CSVs, XLSX) with one planted difference of every cause; the console's own exports reconcile to nothing;
// random perturbations keep the sum of differences equal to the difference of totals; bad files are
// refused whole (exit 3) with file, line and column. SQLite and (tst_cli_reconcile_pg) PostgreSQL.
#include "clirunner.h"
#include "providerbills.h"
#include "transactionscsv.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>

#include <map>
#include <memory>
#include <set>

using namespace billing;
using namespace billing::test;

namespace {
const QString kNow = QStringLiteral("2026-04-10T08:00:00+08:00");
const QString kMonth = QStringLiteral("2026-03");
const BillingCalendar kCal;

QString hourText(Instant t)
{
    return kCal.format(kCal.hourStart(t));
}

// "cause|api|region|mode|project|hour|difference" of every difference of the month, sorted.
QStringList differencesOf(const QJsonObject &month)
{
    QStringList out;
    for (const QJsonValue &v : month.value("differences").toArray()) {
        const QJsonObject d = v.toObject();
        out << QStringList{d.value("cause").toString(),     d.value("api").toString(),
                           d.value("region").toString(),    d.value("mode").toString(),
                           d.value("project").toString(),   d.value("hour").toString(),
                           d.value("difference").toString()}
                   .join('|');
    }
    out.sort();
    return out;
}

QString expected(const QString &cause, const ProviderRow &r, Instant time, Money difference,
                 const QString &mode = {})
{
    return QStringList{cause,
                       r.api,
                       r.region,
                       mode.isEmpty() ? r.mode : mode,
                       r.project,
                       hourText(time),
                       difference.toString()}
        .join('|');
}
} // namespace

class TestCliReconcile : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliRunner> m_cli;
    std::unique_ptr<Catalog> m_catalog;
    QString m_account;
    std::vector<ProviderRow> m_all;  // the charges of February to April
    std::vector<ProviderRow> m_base; // March exactly as the account has it
    QJsonArray m_transactions;

    QString path(const QString &name) const { return m_cli->dir() + '/' + name; }

    CliResult reconcile(const QStringList &files, bool json = true) const
    {
        QStringList args;
        if (json)
            args << "--json";
        args << "reconcile" << files << "--month" << kMonth;
        return m_cli->run(kNow, args);
    }

    QJsonObject march(const CliResult &r) const
    {
        const QJsonArray months = r.json().value("months").toArray();
        for (const QJsonValue &m : months)
            if (m.toObject().value("month").toString() == kMonth)
                return m.toObject();
        return {};
    }

    static bool usable(const ProviderRow &r)
    {
        return r.type == "usage" && r.mode == "pay-per-use" && r.charged >= Money::fromCents(5) &&
               r.calls >= 150;
    }

    void writeFile(const QString &name, const QByteArray &bytes) const
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    // The account's content; on PostgreSQL the tables' dumps may come in any order (UNION ALL).
    QByteArrayList content() const
    {
        QByteArrayList lines = m_cli->dbBytes().split('\n');
        std::sort(lines.begin(), lines.end());
        return lines;
    }

    // What stays the same for every bad file: exit 3, the file named, nothing changed.
    void expectRefused(const QString &name, const QStringList &mentions)
    {
        const QByteArrayList before = content();
        const CliResult r = reconcile({path(name)}, false);
        QVERIFY2(r.exitCode == 3, qPrintable(name + ": " + r.err + r.out));
        QVERIFY2(r.err.contains(name), qPrintable(r.err));
        for (const QString &m : mentions)
            QVERIFY2(r.err.contains(m), qPrintable(name + ": expected \"" + m + "\" in: " + r.err));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY(content() == before);
    }

private slots:
    void initTestCase()
    {
        m_cli = std::make_unique<CliRunner>();
        auto r = m_cli->run(kNow, {"demo", "--months", "3", "--seed", "7"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_catalog = std::make_unique<Catalog>(*Catalog::builtIn());
        r = m_cli->run(kNow, {"--json", "transactions", "--from", "2026-02-01T00:00:00+08:00", "--to",
                              "2026-05-01T00:00:00+08:00"});
        QCOMPARE(r.exitCode, 0);
        m_transactions = r.json().value("transactions").toArray();
        m_all = providerRows(m_transactions);
        for (const ProviderRow &row : m_all)
            if (row.month == kMonth)
                m_base.push_back(row);
        QVERIFY(m_base.size() > 1000);
        m_account = "Demo account";
    }

    // One planted difference of every cause, in every layout: exactly those are found.
    void plantedCauses()
    {
        std::vector<ProviderRow> rows = m_base;
        rows.reserve(rows.size() + 8); // the references to planted rows below stay valid
        // Our lines by (hour, api, region, project, mode), and the hours of lines by (api, region, project).
        std::set<QString> ours;
        auto key = [](const ProviderRow &r, Instant time, const QString &mode) {
            return QStringList{hourText(time), r.api, r.region, r.project, mode}.join('|');
        };
        for (const ProviderRow &r : m_base)
            ours.insert(key(r, r.time, r.mode));
        // Candidates: one a day, so that no two plants touch one line; the line moved an hour later
        // needs that hour free, the line covered by a package no package line in its hour.
        std::vector<size_t> picks;
        std::set<QString> days;
        auto pick = [&](auto &&also, bool anyAmount = false) {
            for (size_t i = 0; i < rows.size(); ++i) {
                const QString day = hourText(rows[i].time).left(10);
                const ProviderRow &r = rows[i];
                const bool fits = anyAmount
                                      ? r.type == "usage" && r.mode == "pay-per-use" && r.charged > Money()
                                      : usable(r);
                if (fits && !days.count(day) && also(r)) {
                    days.insert(day);
                    picks.push_back(i);
                    return;
                }
            }
            QFAIL(qPrintable(QStringLiteral("no candidate line for plant %1").arg(picks.size())));
        };
        // The most constrained first: few lines have the next hour free.
        pick(
            [&](const ProviderRow &r) {
                return !ours.count(key(r, r.time + kMicrosPerHour, r.mode)) &&
                       hourText(r.time + kMicrosPerHour).startsWith(kMonth);
            },
            true);
        pick([&](const ProviderRow &r) { return !ours.count(key(r, r.time, "package")); });
        for (int n = 0; n < 6; ++n)
            pick([](const ProviderRow &) { return true; });
        QStringList want;
        ProviderRow &onlyOurs = rows[picks[2]];
        want << expected("only-ours", onlyOurs, onlyOurs.time, -onlyOurs.charged);
        ProviderRow &missing = rows[picks[3]];
        missing.calls += 1000;
        missing.fee += Money::fromCents(150);
        missing.charged += Money::fromCents(150);
        want << expected("usage-missing", missing, missing.time, Money::fromCents(150));
        ProviderRow &extra = rows[picks[4]];
        {
            const Money before = extra.charged;
            extra.calls -= 100;
            extra.fee -= Money::fromCents(15);
            extra.charged = extra.fee.truncatedToCents();
            extra.roundedOff = extra.fee - extra.charged;
            want << expected("usage-extra", extra, extra.time, extra.charged - before);
        }
        ProviderRow &price = rows[picks[5]];
        price.fee += Money::fromCents(10);
        price.charged += Money::fromCents(10);
        want << expected("price", price, price.time, Money::fromCents(10));
        ProviderRow &rounding = rows[picks[6]];
        rounding.charged -= Money::fromCents(1);
        rounding.roundedOff += Money::fromCents(1);
        want << expected("rounding", rounding, rounding.time, -Money::fromCents(1));
        ProviderRow &covered = rows[picks[1]];
        want << expected("package-coverage", covered, covered.time, -covered.charged)
             << expected("package-coverage", covered, covered.time, Money(), "package");
        covered.mode = "package";
        covered.fee = covered.charged = covered.roundedOff = Money();
        ProviderRow &late = rows[picks[0]];
        want << expected("timing", late, late.time, -late.charged)
             << expected("timing", late, late.time + kMicrosPerHour, late.charged);
        late.time += kMicrosPerHour;
        // The provider bills one of our March lines in April, and one of our April lines in March.
        ProviderRow &nextMonth = rows[picks[7]];
        want << expected("timing", nextMonth, nextMonth.time, -nextMonth.charged);
        nextMonth.month = "2026-04";
        const ProviderRow *april = nullptr;
        for (const ProviderRow &r : m_all)
            if (r.month == "2026-04" && usable(r) && hourText(r.time).startsWith("2026-04"))
                april = &r;
        QVERIFY(april);
        ProviderRow early = *april;
        early.month = kMonth;
        rows.push_back(early);
        want << expected("timing", early, early.time, early.charged);
        // A line the account does not have at all.
        ProviderRow stranger = m_base.front();
        stranger.api = "passport";
        stranger.region = "ap-southeast-3";
        stranger.project = "zz-elsewhere";
        stranger.mode = "pay-per-use";
        stranger.type = "usage";
        stranger.time = *BillingCalendar::parseTimestamp(QStringLiteral("2026-03-10T03:00:00+08:00"));
        stranger.calls = 500;
        stranger.fee = stranger.charged = Money::fromCents(150);
        stranger.roundedOff = Money();
        rows.push_back(stranger);
        want << expected("only-provider", stranger, stranger.time, Money::fromCents(150));
        // Another service in the same bill: ignored, not an error.
        ProviderRow ecs = m_base.front();
        ecs.service = "hws.service.type.ecs";
        ecs.product = "Elastic Cloud Server";
        ecs.charged = ecs.fee = Money::fromCents(1200);
        rows.push_back(ecs);
        rows.erase(rows.begin() + qsizetype(picks[2]));
        want.sort();

        Money fileMarch;
        for (const ProviderRow &r : rows)
            if (r.month == kMonth && r.service.endsWith(".ocr"))
                fileMarch += r.charged;

        const ProviderBillWriter en(*m_catalog, m_account, Language::English);
        const ProviderBillWriter zh(*m_catalog, m_account, Language::Chinese);
        QVERIFY(en.writeCsv(rows, path("bill-en.csv")));
        QVERIFY(zh.writeCsv(rows, path("bill-zh.csv")));
        QVERIFY(zh.writeZip(rows, path("bill-zh.zip"), 3));
        QVERIFY(en.writeXlsx(rows, path("bill-en.xlsx")));
        // A ZIP of an XLSX and a CSV: one month in two files is one input.
        const size_t half = rows.size() / 2;
        QVERIFY(en.writeXlsx({rows.begin(), rows.begin() + qsizetype(half)}, path("first.xlsx")));
        QVERIFY(zh.writeCsv({rows.begin() + qsizetype(half), rows.end()}, path("second.csv")));

        const QList<QStringList> inputs{{path("bill-en.csv")},
                                        {path("bill-zh.csv")},
                                        {path("bill-zh.zip")},
                                        {path("bill-en.xlsx")},
                                        {path("first.xlsx"), path("second.csv")}};
        for (const QStringList &files : inputs) {
            const CliResult r = reconcile(files);
            QVERIFY2(r.exitCode == 1, qPrintable(files.join(' ') + ": " + r.err));
            const QJsonObject m = march(r);
            QCOMPARE(differencesOf(m), want);
            Money sum;
            for (const QJsonValue &d : m.value("differences").toArray())
                sum += *Money::parse(d.toObject().value("difference").toString());
            QCOMPARE(sum.toString(), m.value("difference").toString());
            QCOMPARE(m.value("provider_charged").toString(), fileMarch.toString());
            QCOMPARE(m.value("reconciled").toBool(), false);
            const QJsonArray fileList = r.json().value("files").toArray();
            QCOMPARE(fileList.size(), files.size());
            qint64 ignored = 0;
            for (const QJsonValue &f : fileList)
                ignored += f.toObject().value("ignored").toArray().size();
            QCOMPARE(ignored, 1); // the other service's row
        }
        QCOMPARE(reconcile({path("bill-en.csv")})
                     .json()
                     .value("files")
                     .toArray()[0]
                     .toObject()
                     .value("format")
                     .toString(),
                 QStringLiteral("provider-transaction"));
    }

    // The console's own exports of the month reconcile to nothing.
    void ownExports()
    {
        auto r = m_cli->run(kNow, {"export-bill", kMonth, "--format", "csv", "--out", path("ours.csv")});
        QCOMPARE(r.exitCode, 0);
        r = m_cli->run(kNow, {"export-bill", kMonth, "--format", "xlsx", "--out", path("ours.xlsx")});
        QCOMPARE(r.exitCode, 0);
        r = m_cli->run(kNow, {"export-focus", "--from", kMonth, "--to", kMonth, "--out", path("focus.csv")});
        QCOMPARE(r.exitCode, 0);
        // The transaction records as the console's Transactions page exports them.
        std::vector<Record> records;
        for (const QJsonValue &v : m_transactions) {
            const QJsonObject o = v.toObject();
            Record rec;
            rec.id = o.value("id").toInteger();
            rec.type = *recordTypeFromId(o.value("type").toString());
            rec.at = *BillingCalendar::parseTimestamp(o.value("time").toString());
            rec.expenditureAt = *BillingCalendar::parseTimestamp(o.value("expenditure_time").toString());
            rec.billMonth = o.value("bill_month").toString();
            rec.api = o.value("api").toString();
            rec.region = o.value("region").toString();
            rec.project = o.value("project").toString();
            rec.mode = o.value("mode").toString();
            rec.calls = o.value("calls").toInteger();
            rec.fee = amountOf(o.value("fee"));
            rec.charged = amountOf(o.value("charged"));
            rec.roundedOff = amountOf(o.value("rounded_off"));
            records.push_back(rec);
        }
        QFile tx(path("transactions.csv"));
        QVERIFY(tx.open(QIODevice::WriteOnly));
        QVERIFY(report::exportTransactionsCsv(records, kCal, "USD", tx).ok());
        tx.close();
        for (const QString &name : QStringList{"ours.csv", "ours.xlsx", "focus.csv", "transactions.csv"}) {
            const CliResult res = reconcile({path(name)});
            QVERIFY2(res.exitCode == 0, qPrintable(name + ": " + res.err + res.out.left(2000)));
            const QJsonObject m = march(res);
            QVERIFY(m.value("matched").toInteger() > 0);
            QCOMPARE(m.value("differences").toArray().size(), 0);
            QCOMPARE(m.value("difference").toString(), QStringLiteral("0.00"));
        }
        // FOCUS and transactions at their own grain over every month they hold.
        r = m_cli->run(kNow, {"reconcile", path("focus.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    // Random changes to a provider file: the differences always add up to the difference of the totals.
    void perturbationsAddUp()
    {
        QRandomGenerator rng(20261);
        const ProviderBillWriter en(*m_catalog, m_account, Language::English);
        for (int round = 0; round < 12; ++round) {
            std::vector<ProviderRow> rows = m_base;
            const int changes = 1 + int(rng.bounded(6));
            for (int c = 0; c < changes; ++c) {
                const size_t i = rng.bounded(quint32(rows.size()));
                ProviderRow &r = rows[i];
                switch (rng.bounded(6)) {
                case 0:
                    rows.erase(rows.begin() + qsizetype(i));
                    break;
                case 1:
                    rows.push_back(r);
                    break;
                case 2:
                    r.calls += rng.bounded(500);
                    break;
                case 3:
                    r.charged += Money::fromCents(qint64(rng.bounded(300)) - 150);
                    break;
                case 4:
                    r.time += kMicrosPerHour * (rng.bounded(2) ? 1 : -1);
                    break;
                default:
                    r.mode = r.mode == "package" ? "pay-per-use" : "package";
                }
            }
            QVERIFY(en.writeCsv(rows, path("random.csv")));
            const CliResult res = reconcile({path("random.csv")});
            QVERIFY2(res.exitCode == 0 || res.exitCode == 1, qPrintable(res.err));
            for (const QJsonValue &mv : res.json().value("months").toArray()) {
                const QJsonObject m = mv.toObject();
                Money sum;
                for (const QJsonValue &d : m.value("differences").toArray())
                    sum += *Money::parse(d.toObject().value("difference").toString());
                const Money total = *Money::parse(m.value("provider_charged").toString()) -
                                    *Money::parse(m.value("ours_charged").toString());
                QCOMPARE(sum.toString(), total.toString());
                QCOMPARE(m.value("difference").toString(), total.toString());
            }
        }
    }

    // A layout of someone else's, read through a saved provider-bill column profile.
    void profile()
    {
        QByteArray json =
            R"({"kind":"provider-bill","columns":{"Cycle":"billing_cycle","When":"expenditure_time",
            "Svc":"api","Zone":"region","Plan":"mode","Team":"project","N":"calls","Price":"fee","Cut":"rounded_off",
            "Due":"charged","Notes":"ignore"},"values":{"api":{)";
        QStringList maps;
        for (const ApiInfo &a : m_catalog->apis())
            maps << QStringLiteral("\"OCR/%1\":\"%1\"").arg(a.id);
        json += maps.join(',').toUtf8() + "}}}";
        writeFile("custom.json", json);
        auto r = m_cli->run(kNow, {"profile", "save", "custom", path("custom.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString text = "Notes,Cycle,When,Svc,Zone,Plan,Team,N,Price,Cut,Due\n";
        for (const ProviderRow &row : m_base)
            text += QStringList{"x",
                                row.month,
                                kCal.format(row.time),
                                "OCR/" + row.api,
                                row.region,
                                row.mode,
                                row.project,
                                QString::number(row.calls),
                                row.fee.toString(8),
                                row.roundedOff.toString(8),
                                row.charged.toString()}
                        .join(',') +
                    '\n';
        writeFile("custom.csv", text.toUtf8());
        r = m_cli->run(kNow, {"--json", "reconcile", path("custom.csv"), "--profile", "custom"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out.left(2000)));
        QCOMPARE(r.json().value("files").toArray()[0].toObject().value("format").toString(),
                 QStringLiteral("custom"));
        QCOMPARE(march(r).value("differences").toArray().size(), 0);
        // Without the profile the layout is not recognized; an unknown profile is bad usage.
        r = m_cli->run(kNow, {"reconcile", path("custom.csv")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("custom.csv, line 1") && r.err.contains("--profile"), qPrintable(r.err));
        r = m_cli->run(kNow, {"reconcile", path("custom.csv"), "--profile", "nosuch"});
        QCOMPARE(r.exitCode, 2);
    }

    void accept()
    {
        const ProviderBillWriter en(*m_catalog, m_account, Language::English);
        std::vector<ProviderRow> rows = m_base;
        rows.front().charged += Money::fromCents(1);
        QVERIFY(en.writeCsv(rows, path("accept.csv")));
        auto r = reconcile({path("accept.csv")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(march(r).value("reconciled").toBool(), false);
        r = m_cli->run(kNow, {"--json", "reconcile", "accept", kMonth, path("accept.csv"), "--note",
                              "one cent of rounding, accepted"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value("differences_accepted").toInteger(), 1);
        r = reconcile({path("accept.csv")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(march(r).value("reconciled").toBool(), true);
        // The audit entry: the month, the file's SHA-256, the difference accepted, the note.
        QFile f(path("accept.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
        r = m_cli->run(kNow, {"--json", "audit"});
        QCOMPARE(r.exitCode, 0);
        bool found = false;
        for (const QJsonValue &v : r.json().value("audit").toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value("action").toString() != "reconcile-accept")
                continue;
            found = true;
            const QJsonObject after = e.value("after").toObject();
            QCOMPARE(after.value("month").toString(), kMonth);
            QCOMPARE(after.value("note").toString(), QStringLiteral("one cent of rounding, accepted"));
            QCOMPARE(after.value("files").toArray()[0].toObject().value("sha256").toString(), sha);
            QCOMPARE(after.value("differences").toArray().size(), 1);
            QCOMPARE(after.value("differences").toArray()[0].toObject().value("cause").toString(),
                     QStringLiteral("rounding"));
            QVERIFY(!e.value("actor").toString().isEmpty());
        }
        QVERIFY2(found, qPrintable(r.out.left(3000)));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("mentions");
        const ProviderBillWriter en(*m_catalog, m_account, Language::English);
        const QByteArray good = en.csv(m_base, 0, 3, false);
        QTest::newRow("empty") << "empty.csv" << QByteArray() << QStringList{"empty"};
        QTest::newRow("binary") << "binary.csv" << QByteArray("\x01\x02\x00\x7fPK garbage", 15)
                                << QStringList{"line 1", "binary"};
        QTest::newRow("call log") << "calls.csv"
                                  << QByteArray("timestamp,api,region,status\n2026-03-01T00:00:00+08:00,"
                                                "general-text,cn-north-4,200\n")
                                  << QStringList{"line 1", "call log"};
        QTest::newRow("random") << "random.csv" << QByteArray("a,b,c\n1,2,3\n4,5,6\n")
                                << QStringList{"line 1", "not a bill"};
        QStringList cells = en.cells(m_base.front());
        cells[12] = "12,34.50"; // the List Price, with a bad thousands grouping
        for (QString &c : cells)
            c = ProviderBillWriter::csvField(c, false);
        QTest::newRow("amount") << "amount.csv" << QByteArray(good + cells.join(',').toUtf8() + "\r\n")
                                << QStringList{"line 5", "column 13", "thousands separators"};
        QTest::newRow("quote") << "quote.csv" << QByteArray(good + "2026-03,\"Demo account,x\n")
                               << QStringList{"line 5", "column 2", "not closed"};
        QByteArray utf8 = good;
        utf8.replace("Demo account", "Demo \xff account");
        QTest::newRow("utf-8") << "latin.csv" << utf8 << QStringList{"line 2", "column 2", "UTF-8"};
        QByteArray other = good;
        other.replace(other.indexOf("Demo account"), 12, "Other account");
        QTest::newRow("account") << "other-account.csv" << other
                                 << QStringList{"line 2", "column 2", "Other account", "refused"};
        QByteArrayList lines = good.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i)
            if (!lines[i].trimmed().isEmpty())
                lines[i] = lines[i].trimmed() + (i == 0 ? ",Currency\r" : ",CNY\r");
        QTest::newRow("currency") << "cny.csv" << lines.join('\n')
                                  << QStringList{"line 2", "column 16", "CNY", "refused"};
        QByteArray time = good;
        time.replace(time.indexOf(" GMT+08:00"), 10, "-ish");
        QTest::newRow("time") << "time.csv" << time << QStringList{"line 2", "column 8", "not a time"};
        QTest::newRow("xlsx damaged") << "damaged.xlsx" << QByteArray("PK\x03\x04\x14\x00\x00\x00garbage", 15)
                                      << QStringList{"damaged"};
    }

    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, mentions);
        writeFile(name, bytes);
        expectRefused(name, mentions);
    }

    void badArchives()
    {
        const ProviderBillWriter en(*m_catalog, m_account, Language::English);
        // A real workbook cut short.
        QVERIFY(en.writeXlsx({m_base.begin(), m_base.begin() + 50}, path("whole.xlsx")));
        QFile whole(path("whole.xlsx"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        writeFile("cut.xlsx", whole.readAll().left(int(whole.size() / 2)));
        expectRefused("cut.xlsx", {"damaged"});
        // A ZIP bomb: 64 MiB of one repeated row.
        int err = 0;
        zip_t *z = zip_open(QFile::encodeName(path("bomb.zip")).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
        QVERIFY(z);
        QByteArray huge = en.csv(m_base, 0, 1, false);
        const QByteArray line = huge.mid(en.csv({}, 0, 0, false).size());
        while (huge.size() < (64 << 20))
            huge += line;
        zip_source_t *s = zip_source_buffer(z, huge.constData(), zip_uint64_t(huge.size()), 0);
        QVERIFY(zip_file_add(z, "bill.csv", s, 0) >= 0);
        QVERIFY(zip_close(z) == 0);
        expectRefused("bomb.zip", {"ZIP bomb"});
        // Something that is not a bill inside an archive.
        z = zip_open(QFile::encodeName(path("odd.zip")).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
        static const char text[] = "hello";
        zip_file_add(z, "notes.txt", zip_source_buffer(z, text, 5, 0), 0);
        QVERIFY(zip_close(z) == 0);
        expectRefused("odd.zip", {"notes.txt", "not a CSV or XLSX"});
    }

    void cleanupTestCase() { m_cli.reset(); }
};

QTEST_GUILESS_MAIN(TestCliReconcile)
#include "tst_cli_reconcile.moc"
