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
        return EngineTr::tr("hour");
    case CostRollup::Day:
        return EngineTr::tr("day");
    default:
        return EngineTr::tr("month");
    }
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
    const CostRollup::Sum none;
    auto compare = [&](const CostRollup::Key &k, const CostRollup::Sum &have, const CostRollup::Sum &want) {
        if (!(have == want))
            report(EngineTr::tr(
                       "cost rollup of %1: %2 calls and %3 stored, but the records give %4 calls and %5")
                       .arg(describe(ctx, k))
                       .arg(have.calls)
                       .arg(Money::unitsToString(have.cost))
                       .arg(want.calls)
                       .arg(Money::unitsToString(want.cost)));
    };
    for (const auto &[k, want] : built->rows) {
        auto it = stored->rows.find(k);
        compare(k, it == stored->rows.end() ? none : it->second, want);
    }
    for (const auto &[k, have] : stored->rows)
        if (!built->rows.count(k))
            compare(k, have, none);
    const CostRollup::PackageUse noUse;
    auto comparePackage = [&](qint64 id, const CostRollup::PackageUse &have,
                              const CostRollup::PackageUse &want) {
        if (!(have == want))
            report(EngineTr::tr(
                       "cost rollup of package %1: %2 calls covered and %3 given stored, but the records "
                       "give %4 calls and %5")
                       .arg(id)
                       .arg(have.used)
                       .arg(Money::unitsToString(have.allocated))
                       .arg(want.used)
                       .arg(Money::unitsToString(want.allocated)));
    };
    for (const auto &[id, want] : built->packages) {
        auto it = stored->packages.find(id);
        comparePackage(id, it == stored->packages.end() ? noUse : it->second, want);
    }
    for (const auto &[id, have] : stored->packages)
        if (!built->packages.count(id))
            comparePackage(id, have, noUse);
    if (mismatches > kShownMismatches)
        findings << EngineTr::tr("cost rollups: %1 more differ from the records")
                        .arg(mismatches - kShownMismatches);
}

} // namespace billing::verifier
