#include "engine/verifierchecks.h"
#include "engine/tr.h"

#include "engine/context.h"
#include "storage/database.h"
#include "storage/integrityrepository.h"
#include "storage/rowseal.h"
#include "storage/sealrepository.h"

#include <QCoreApplication>
#include <QHash>

namespace billing::verifier {

namespace {
QString allowedList(const QStringList &allowed)
{
    constexpr qsizetype shown = 8;
    if (allowed.size() <= shown)
        return allowed.join(QStringLiteral(", "));
    return allowed.first(shown).join(QStringLiteral(", ")) + QStringLiteral(", …");
}

template <typename Enum> QStringList namesOf(Enum last, QString (*idOf)(Enum))
{
    QStringList out;
    for (int i = 0; i <= int(last); ++i)
        out << idOf(Enum(i));
    return out;
}
} // namespace

void checkEngine(Context &ctx, QStringList &findings)
{
    auto problems = IntegrityRepository(ctx.db).engineCheck();
    if (!problems) {
        findings << problems.error().message;
        return;
    }
    for (const QString &p : *problems)
        findings << EngineTr::tr("the database is damaged: %1").arg(p);
}

void checkIds(Context &ctx, QStringList &findings)
{
    const Catalog &cat = ctx.catalog;
    QStringList apis, regions;
    for (const ApiInfo &a : cat.apis())
        apis << a.id;
    for (const RegionInfo &r : cat.regions())
        regions << r.id;
    const struct
    {
        IdKind kind;
        QStringList allowed;
        QString what;
    } kinds[] = {
        {IdKind::Api, apis, EngineTr::tr("an API of the catalog")},
        {IdKind::Region, regions, EngineTr::tr("a region of the catalog")},
        {IdKind::Sku, cat.skuIds(), EngineTr::tr("a package size of the catalog")},
        {IdKind::RecordType, namesOf(Record::Type::Coupon, &recordTypeId), EngineTr::tr("a record type")},
        {IdKind::Mode, {kModePayPerUse, kModePackage}, EngineTr::tr("a billing mode")},
        {IdKind::LedgerKind, namesOf(LedgerEntry::Kind::CouponLapse, &ledgerKindId),
         EngineTr::tr("a ledger entry kind")},
    };
    IntegrityRepository repo(ctx.db);
    for (const auto &k : kinds) {
        auto stray = repo.valuesOutside(k.kind, k.allowed);
        if (!stray) {
            findings << stray.error().message;
            continue;
        }
        for (const StrayValue &v : *stray)
            findings << EngineTr::tr("table %1, row %2, column %3: \"%4\" is not %5 (expected one of %6)")
                            .arg(v.table, v.key, v.column, v.value, k.what, allowedList(k.allowed));
    }
}

namespace {
// The catalog's price for a tier row of a line rated in the hour starting at `hour`: any price list in
// force during that hour (one may take effect within it).
void checkTierRow(const Catalog &cat, const Record &r, const TierUse &t, QStringList &findings)
{
    const ApiInfo *api = cat.api(r.api);
    if (!api)
        return; // reported by checkIds
    bool priceFound = false;
    Money expected;
    for (Instant at : {r.expenditureAt, r.expenditureAt + kMicrosPerHour - 1}) {
        const std::vector<Tier> &tiers = cat.tiers(cat.priceListAt(at), api->category);
        if (t.tier < 0 || size_t(t.tier) >= tiers.size()) {
            findings << EngineTr::tr("table record_tier, transaction %1, position %2: tier %3 does not exist")
                            .arg(r.id)
                            .arg(t.firstPosition)
                            .arg(t.tier);
            return;
        }
        const Tier &tier = tiers[size_t(t.tier)];
        expected = tier.pricePer1000;
        priceFound = priceFound || t.pricePer1000 == expected;
        const qint64 end = size_t(t.tier) + 1 < tiers.size() ? tiers[size_t(t.tier) + 1].fromCall
                                                             : std::numeric_limits<qint64>::max();
        if (t.firstPosition < tier.fromCall || t.lastPosition >= end || t.calls <= 0 ||
            t.calls > t.lastPosition - t.firstPosition + 1) {
            findings << EngineTr::tr(
                            "table record_tier, transaction %1, tier %2: %3 calls at positions %4 … %5 "
                            "do not fit the tier (from position %6)")
                            .arg(r.id)
                            .arg(t.tier)
                            .arg(t.calls)
                            .arg(t.firstPosition)
                            .arg(t.lastPosition)
                            .arg(tier.fromCall);
            return;
        }
    }
    if (!priceFound)
        findings << EngineTr::tr(
                        "table record_tier, transaction %1, tier %2, column price_per_1000: stored %3, "
                        "the catalog's price is %4")
                        .arg(r.id)
                        .arg(t.tier)
                        .arg(t.pricePer1000.toString(), expected.toString());
}
} // namespace

void checkTiers(Context &ctx, QStringList &findings)
{
    RecordFilter f;
    f.type = Record::Type::Usage;
    f.mode = kModePayPerUse;
    auto lines = ctx.records.list(f);
    if (!lines) {
        findings << lines.error().message;
        return;
    }
    QHash<qint64, std::vector<TierUse>> tiersOf;
    if (Status s = IntegrityRepository(ctx.db).forEachTier(
            [&](const StoredTier &t) { tiersOf[t.recordId].push_back(t.tier); });
        !s) {
        findings << s.error().message;
        return;
    }
    for (const Record &r : *lines) {
        const std::vector<TierUse> tiers = tiersOf.take(r.id);
        qint64 calls = 0;
        Int128 sumPer1000 = 0;
        for (const TierUse &t : tiers) {
            checkTierRow(ctx.catalog, r, t, findings);
            calls += t.calls;
            sumPer1000 += Int128(t.calls) * t.pricePer1000.units();
        }
        if (calls != r.calls)
            findings << EngineTr::tr("transaction %1: its tier rows hold %2 calls but the record %3")
                            .arg(r.id)
                            .arg(calls)
                            .arg(r.calls);
        const Money fee = Money::fromUnits(qint64(sumPer1000 / 1000));
        if (fee != r.fee || qint64(sumPer1000 % 1000) != r.feeRemainder)
            findings << EngineTr::tr("transaction %1, column fee: stored %2, its tier rows price %3")
                            .arg(r.id)
                            .arg(r.fee.toString(8), fee.toString(8));
    }
    for (auto it = tiersOf.cbegin(); it != tiersOf.cend(); ++it)
        findings << EngineTr::tr(
                        "table record_tier: %1 row(s) for transaction %2, which is not a pay-per-use line")
                        .arg(it->size())
                        .arg(it.key());
}

namespace {
void compareSealed(const RowSealEntry &previous, const RowSealEntry &seal, const RowDigest &stored,
                   qint64 sealedRows, const QString &sealedHash, const QString &what, bool byRecord,
                   QStringList &findings)
{
    if (stored.rows() == sealedRows && QString::fromLatin1(stored.hexResult()) == sealedHash)
        return;
    const qint64 from = (byRecord ? previous.recordTo : previous.ledgerTo) + 1;
    const qint64 to = byRecord ? seal.recordTo : seal.ledgerTo;
    findings << EngineTr::tr(
                    "seal %1: the %2 with ids %3 … %4 changed, were removed or were added after they "
                    "were written (%5 row(s) sealed, %6 stored)")
                    .arg(seal.id)
                    .arg(what)
                    .arg(from)
                    .arg(to)
                    .arg(sealedRows)
                    .arg(stored.rows());
}

QString firstIds(const std::vector<qint64> &ids, qint64 count)
{
    QStringList shown;
    for (qint64 id : ids)
        shown << QString::number(id);
    return shown.join(QStringLiteral(", ")) +
           (count > qint64(ids.size()) ? QStringLiteral(", …") : QString());
}
} // namespace

void checkSeals(Context &ctx, QStringList &findings)
{
    SealRepository repo(ctx.db);
    auto seals = repo.all();
    auto head = repo.head();
    if (!seals || !head) {
        findings << (seals ? head.error().message : seals.error().message);
        return;
    }
    if (seals->empty() || seals->front().id != 0) {
        findings << EngineTr::tr("row seals: the first seal (where sealing began) was removed");
        return;
    }
    RowSeal stored;
    for (size_t i = 1; i < seals->size(); ++i) {
        const RowSealEntry &previous = (*seals)[i - 1];
        const RowSealEntry &seal = (*seals)[i];
        if (seal.id != previous.id + 1)
            findings << EngineTr::tr("row seals: seal %1 is missing (the next is %2)")
                            .arg(previous.id + 1)
                            .arg(seal.id);
        if (seal.prevHash != previous.hash)
            findings << EngineTr::tr("row seals: seal %1 does not follow the seal before it").arg(seal.id);
        if (Status s = repo.digestStored(previous, seal, stored); !s) {
            findings << s.error().message;
            return;
        }
        if (SealRepository::hashOf(previous, seal) != seal.hash)
            findings << EngineTr::tr("row seals: seal %1 was altered after it was written").arg(seal.id);
        compareSealed(previous, seal, stored.records, seal.records, seal.recordsHash,
                      EngineTr::tr("transaction records"), true, findings);
        compareSealed(previous, seal, stored.tiers, seal.tiers, seal.tiersHash,
                      EngineTr::tr("tier rows of the transaction records"), true, findings);
        compareSealed(previous, seal, stored.ledger, seal.ledgerEntries, seal.ledgerHash,
                      EngineTr::tr("ledger entries"), false, findings);
    }
    const RowSealEntry &last = seals->back();
    if (last.id > 0 && last.hash != *head)
        findings << EngineTr::tr(
            "row seals: the newest seals were removed (the chain ends before the recorded head)");
    auto unsealed = repo.unsealedAfter(last);
    if (!unsealed) {
        findings << unsealed.error().message;
        return;
    }
    const struct
    {
        const std::vector<qint64> &ids;
        qint64 count;
        QString what;
    } tables[] = {
        {unsealed->records, unsealed->recordCount, EngineTr::tr("transaction records")},
        {unsealed->tierRecords, unsealed->tierCount, EngineTr::tr("tier rows of the transaction records")},
        {unsealed->ledger, unsealed->ledgerCount, EngineTr::tr("ledger entries")}};
    for (const auto &t : tables)
        if (t.count > 0)
            findings << EngineTr::tr(
                            "%1 row(s) of the %2 with ids %3 are not sealed: written behind the program's "
                            "back, or their seal was removed")
                            .arg(t.count)
                            .arg(t.what, firstIds(t.ids, t.count));
}

} // namespace billing::verifier
