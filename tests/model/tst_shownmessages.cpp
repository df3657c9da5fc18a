// Issue #19: a model service that quotes what the user typed (in the console as in billingctl) shows it
// as core/shown.h shows a value: at most 80 characters, control characters escaped.
#include "analysis/costanalysis.h"
#include "analysis/pricecalculator.h"
#include "catalog/catalog.h"
#include "domain/budget.h"
#include "money/money.h"
#include "time/billingcalendar.h"

#include <QTest>

#include <functional>

using namespace billing;

class TestShownMessages : public QObject
{
    Q_OBJECT
private slots:
    void quotedInputIsShownCappedAndEscaped_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("1 MB") << QString(1 << 20, u'7') + u'x';
        QTest::newRow("control characters") << QStringLiteral("\x1b[31mred\x07\r\n");
    }
    void quotedInputIsShownCappedAndEscaped()
    {
        QFETCH(QString, value);
        const auto catalog = Catalog::builtIn();
        QVERIFY(catalog);
        CostQuery cost;
        cost.from = 0;
        cost.to = kMicrosPerDay;
        cost.groupBy = {value};
        const std::vector<std::pair<const char *, std::function<QString()>>> sites{
            {"amount", [&] { return Money::parse(value).error().message; }},
            {"time", [&] { return BillingCalendar::parseTimestamp(value).error().message; }},
            {"month", [&] { return BillingCalendar().parseMonth(value).error().message; }},
            {"offset", [&] { return BillingCalendar::parseOffset(value).error().message; }},
            {"thresholds", [&] { return parseThresholds(value).error().message; }},
            {"package size",
             [&] { return catalog->packagePrice(QStringLiteral("general-text"), value, 0).error().message; }},
            {"calculator api", [&] { return priceCalculator(*catalog, value, 1000).error().message; }},
            {"cost dimension", [&] { return validateCostQuery(cost).error().message; }},
        };
        for (const auto &[name, message] : sites) {
            const QString m = message();
            QVERIFY2(m.size() < 400,
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), m.left(200))));
            for (const QChar c : m)
                QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() >= 0xa0),
                         qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), m)));
        }
    }
};

QTEST_GUILESS_MAIN(TestShownMessages)
#include "tst_shownmessages.moc"
