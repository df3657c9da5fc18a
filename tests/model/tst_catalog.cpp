#include "catalog/catalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace billing;

namespace {
QByteArray builtInJson()
{
    QFile f(QStringLiteral(":/billing/catalog.json"));
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QByteArray mutate(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject root = QJsonDocument::fromJson(builtInJson()).object();
    change(root);
    return QJsonDocument(root).toJson();
}
} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT
private slots:
    void loadsTheBuiltInCatalog()
    {
        const auto c = Catalog::builtIn();
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        QCOMPARE(c->apis().size(), size_t(12));
        QCOMPARE(c->regions().size(), size_t(4));
        QCOMPARE(c->api(u"passport")->category, QStringLiteral("CARD"));
        QCOMPARE(c->region(u"ap-southeast-1")->name, QStringLiteral("CN-Hong Kong"));
        QCOMPARE(c->skuIds(), (QStringList{"100k", "1m", "5m", "10m"}));
        QCOMPARE(c->apiIndex(u"nope"), -1);
    }

    void pricesPackagesAsTheRulesSay()
    {
        const auto c = *Catalog::builtIn();
        QCOMPARE(c.packagePrice(QStringLiteral("general-text"), QStringLiteral("100k"), 0)->toString(),
                 QStringLiteral("127.50"));
        QCOMPARE(c.packagePrice(QStringLiteral("id-card"), QStringLiteral("1m"), 0)->toString(),
                 QStringLiteral("2400.00"));
        QCOMPARE(c.packagePrice(QStringLiteral("vat-invoice"), QStringLiteral("10m"), 0)->toString(),
                 QStringLiteral("28000.00"));
        QVERIFY(!c.packagePrice(QStringLiteral("general-text"), QStringLiteral("2m"), 0).ok());
        QVERIFY(!c.packagePrice(QStringLiteral("nope"), QStringLiteral("1m"), 0).ok());
    }

    void slicesGraduatedTiers()
    {
        const auto c = *Catalog::builtIn();
        const auto &tiers = c.tiers(c.priceListAt(0), QStringLiteral("GENERAL"));
        // §11.6: positions 999,001 … 1,004,000: 1,000 at 1.50 and 4,000 at 1.20 → 6.30.
        const auto slices = Catalog::slices(tiers, 999'001, 5'000);
        QCOMPARE(slices.size(), size_t(2));
        QCOMPARE(slices[0].calls, qint64(1000));
        QCOMPARE(slices[1].calls, qint64(4000));
        QCOMPARE(Money::fromUnits(qint64(Catalog::sumPer1000(tiers, 999'001, 5'000) / 1000)).toString(),
                 QStringLiteral("6.30"));
        // Across all three tiers.
        QCOMPARE(Catalog::slices(tiers, 1, 6'000'000).size(), size_t(3));
        QCOMPARE(Catalog::slices(tiers, 5'000'001, 10).front().tier, 2);
    }

    void refusesBadCatalogsNamingTheEntry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{ nope") << "offset";
        QTest::newRow("array") << QByteArray("[]") << "top level";
        QTest::newRow("format") << mutate([](QJsonObject &r) { r[QStringLiteral("format")] = 9; })
                                << "format";
        QTest::newRow("duplicate api") << mutate([](QJsonObject &r) {
            QJsonArray a = r[QStringLiteral("apis")].toArray();
            a.append(a.first());
            r[QStringLiteral("apis")] = a;
        }) << "general-text";
        QTest::newRow("api without id") << mutate([](QJsonObject &r) {
            QJsonArray a = r[QStringLiteral("apis")].toArray();
            a.replace(3, QJsonObject{{QStringLiteral("category"), QStringLiteral("GENERAL")}});
            r[QStringLiteral("apis")] = a;
        }) << "apis[3]";
        QTest::newRow("negative price") << mutate([](QJsonObject &r) {
            QJsonArray pl = r[QStringLiteral("price_lists")].toArray();
            QJsonObject l = pl[0].toObject();
            QJsonObject tiers = l[QStringLiteral("tiers")].toObject();
            QJsonArray card = tiers[QStringLiteral("CARD")].toArray();
            QJsonObject t = card[1].toObject();
            t[QStringLiteral("price_per_1000")] = QStringLiteral("-2.40");
            card[1] = t;
            tiers[QStringLiteral("CARD")] = card;
            l[QStringLiteral("tiers")] = tiers;
            pl[0] = l;
            r[QStringLiteral("price_lists")] = pl;
        }) << "tiers.CARD[1]";
        QTest::newRow("missing category tiers") << mutate([](QJsonObject &r) {
            QJsonArray pl = r[QStringLiteral("price_lists")].toArray();
            QJsonObject l = pl[0].toObject();
            QJsonObject tiers = l[QStringLiteral("tiers")].toObject();
            tiers.remove(QStringLiteral("RECEIPT"));
            l[QStringLiteral("tiers")] = tiers;
            pl[0] = l;
            r[QStringLiteral("price_lists")] = pl;
        }) << "RECEIPT";
        QTest::newRow("discount above one") << mutate([](QJsonObject &r) {
            QJsonArray pl = r[QStringLiteral("price_lists")].toArray();
            QJsonObject l = pl[0].toObject();
            QJsonArray skus = l[QStringLiteral("skus")].toArray();
            QJsonObject s = skus[2].toObject();
            s[QStringLiteral("discount")] = QStringLiteral("1.5");
            skus[2] = s;
            l[QStringLiteral("skus")] = skus;
            pl[0] = l;
            r[QStringLiteral("price_lists")] = pl;
        }) << "skus[2]";
        QTest::newRow("no regions") << mutate([](QJsonObject &r) { r.remove(QStringLiteral("regions")); })
                                    << "regions";
        QTest::newRow("bad effective") << mutate([](QJsonObject &r) {
            QJsonArray pl = r[QStringLiteral("price_lists")].toArray();
            QJsonObject l = pl[0].toObject();
            l[QStringLiteral("effective")] = QStringLiteral("yesterday");
            pl[0] = l;
            r[QStringLiteral("price_lists")] = pl;
        }) << "price_lists[0]";
    }
    void refusesBadCatalogsNamingTheEntry()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const auto c = Catalog::fromJson(json);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::BadData);
        QVERIFY2(c.error().message.contains(mentions), qPrintable(c.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
