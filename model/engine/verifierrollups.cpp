#include "engine/tr.h"
#include "engine/verifierchecks.h"

#include "engine/context.h"
#include "storage/costrollup.h"
#include "storage/database.h"

#include <QCoreApplication>

namespace billing::verifier {

namespace {
constexpr int kShownMismatches = 10;

QString grainName(int grain)
{
    switch (grain) {
    case CostRollup::Hour:
    case CostRollup::HourByApi:
        return EngineTr::tr("hour");
    case CostRollup::Day:
        return EngineTr::tr("day");
    default:
        return EngineTr::tr("month");
    }
}

// Every key of either map whose values differ (a missing one counts as empty), reported as described.
template <typename Map, typename Describe, typename Report>
void compareMaps(const Map &built, const Map &stored, Describe describe, Report report)
{
    const typename Map::mapped_type none{};
    auto valueIn = [&](const Map &m, const typename Map::key_type &k) {
        auto it = m.find(k);
        return it == m.end() ? none : it->second;
    };
    for (const auto &[k, want] : built)
        if (!(valueIn(stored, k) == want))
            report(describe(k, valueIn(stored, k), want));
    for (const auto &[k, have] : stored)
        if (!built.count(k) && !(have == none))
            report(describe(k, have, none));
}

QString describe(const Context &ctx, const CostRollup::Key &k)
{
    const QString view = k.view == CostRollup::Cash ? EngineTr::tr("cash") : EngineTr::tr("amortized");
    QString key = QStringList{k.api, k.region, k.project, k.mode}.join(QStringLiteral(" / "));
    if (k.packageId)
        key += EngineTr::tr(" / package %1").arg(k.packageId);
    return EngineTr::tr("the %1 from %2 (%3 view, %4)")
        .arg(grainName(k.grain), ctx.calendar.format(k.bucket), view, key);
}
} // namespace

void checkRollups(Context &ctx, QStringList &findings)
{
    // What the open transaction wrote (a catch-up before verify) is compared too.
    if (Status s = ctx.db.costRollup().flush(); !s) {
        findings << s.error().message;
        return;
    }
    auto built = CostRollup::fromRecords(ctx.db);
    auto stored = CostRollup::stored(ctx.db);
    if (!built || !stored) {
        findings << (built ? stored.error().message : built.error().message);
        return;
    }
    int mismatches = 0;
    auto report = [&](const QString &finding) {
        if (++mismatches <= kShownMismatches)
            findings << finding;
    };
    auto describeRow = [&](const CostRollup::Key &k, const CostRollup::Sum &have,
                           const CostRollup::Sum &want) {
        return EngineTr::tr("cost rollup of %1: %2 calls and %3 stored, but the records give %4 calls and %5")
            .arg(describe(ctx, k))
            .arg(have.calls)
            .arg(Money::unitsToString(have.cost))
            .arg(want.calls)
            .arg(Money::unitsToString(want.cost));
    };
    auto describePackage = [&](qint64 id, const CostRollup::PackageUse &have,
                               const CostRollup::PackageUse &want) {
        return EngineTr::tr(
                   "cost rollup of package %1: %2 calls covered and %3 given stored, but the records "
                   "give %4 calls and %5")
            .arg(id)
            .arg(have.used)
            .arg(Money::unitsToString(have.allocated))
            .arg(want.used)
            .arg(Money::unitsToString(want.allocated));
    };
    compareMaps(built->rows, stored->rows, describeRow, report);
    compareMaps(built->packages, stored->packages, describePackage, report);
    if (mismatches > kShownMismatches)
        findings << EngineTr::tr("cost rollups: %1 more differ from the records")
                        .arg(mismatches - kShownMismatches);
}

} // namespace billing::verifier
