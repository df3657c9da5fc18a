#include "analysis/anomalies.h"
#include "analysis/tr.h"

#include "analysis/anomalyrepository.h"
#include "analysis/costpieces.h"
#include "engine/context.h"

#include <QJsonObject>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace billing {

namespace {

constexpr int kWeeks = 4;
// 3 × 1.4826 = 4.4478 = 44478 / 10000: the MAD factor as an exact fraction.
constexpr Int128 kMadFactor = 44478;
constexpr Int128 kMadScale = 10000;

using DayFacts = AnomalyDayUsage;
using Key = std::tuple<QString, QString, QString>; // api, region, project
using History = std::map<Key, std::map<qint64, DayFacts>>;

Int128 absolute(Int128 v)
{
    return v < 0 ? -v : v;
}

// round(a × b / c), half away from zero, c > 0. Products past 128 bits (far beyond any real account)
// are taken on b and c shortened alike, which keeps their ratio; volume takes whatever that changes.
Int128 mulDivRound(Int128 a, Int128 b, Int128 c)
{
    Int128 p = 0;
    while (__builtin_mul_overflow(a, b, &p)) {
        b /= 2;
        c /= 2;
        if (c == 0)
            return 0;
    }
    Int128 q = p / c;
    const Int128 r = p % c;
    if (2 * absolute(r) >= c)
        q += p < 0 ? -1 : 1;
    return q;
}

// Σ calls × price per 1000 of a day's pay-per-use calls (1000 × their list amount in units): at the
// prices they were rated at, or at `prices` (a tier's price in another price list).
Int128 listTimes1000(const DayFacts &d, const std::vector<Tier> *prices)
{
    Int128 sum = 0;
    for (const AnomalyDayUsage::TierCalls &t : d.tiers) {
        qint64 price = t.pricePer1000.units();
        if (prices && t.tier >= 0 && size_t(t.tier) < prices->size())
            price = (*prices)[size_t(t.tier)].pricePer1000.units();
        sum += Int128(t.calls) * price;
    }
    return sum;
}

// The four costs of the same weekday before, oldest first, and what the rule makes of them, all ×4 so
// that the median of four and the median of their deviations stay whole numbers.
struct Judgement
{
    Int128 baseline4 = 0; // 4 × baseline
    Int128 mad4 = 0;      // 4 × MAD
    int reference = 0;    // index (0 = four weeks before) of the cost closest to the baseline
    bool anomalous = false;
    Int128 threshold4Times10000 = 0; // 4 × 10000 × the threshold, for the series band
};

Judgement judge(qint64 cost, const std::array<qint64, kWeeks> &before)
{
    std::array<qint64, kWeeks> sorted = before;
    std::sort(sorted.begin(), sorted.end());
    const Int128 median2 = Int128(sorted[1]) + sorted[2]; // 2 × median
    std::array<Int128, kWeeks> dev2{};                    // 2 × |xᵢ − median|
    for (int i = 0; i < kWeeks; ++i)
        dev2[size_t(i)] = absolute(2 * Int128(before[size_t(i)]) - median2);
    Judgement j;
    for (int i = 1; i < kWeeks; ++i)
        if (dev2[size_t(i)] < dev2[size_t(j.reference)])
            j.reference = i;
    std::array<Int128, kWeeks> sortedDev = dev2;
    std::sort(sortedDev.begin(), sortedDev.end());
    j.baseline4 = 2 * median2;
    j.mad4 = sortedDev[1] + sortedDev[2];
    const Int128 deviation4 = absolute(4 * Int128(cost) - j.baseline4);
    // |cost − baseline| > max(4.4478 × MAD, baseline / 2, 1.00), every side × 4 × 10000.
    const Int128 byMad = kMadFactor * j.mad4;
    const Int128 byShare = absolute(j.baseline4) * kMadScale / 2;
    const Int128 byFloor = 4 * Int128(Money::Scale) * kMadScale;
    j.threshold4Times10000 = std::max({byMad, byShare, byFloor});
    j.anomalous = deviation4 * kMadScale > j.threshold4Times10000;
    return j;
}

Result<Money> money(Int128 units)
{
    return Money::inRange(units);
}

// Splits cost(day) − cost(reference) into causes (the order and formulas: anomalies.h and
// docs/billing-decisions.md, "Anomalies"). S0 … S4 walk from the reference day's on-time charges to the
// day's, changing one thing at each step.
Result<AnomalyCauses> explain(const DayFacts &d, const DayFacts &r, const std::vector<Tier> *referencePrices)
{
    const Int128 listD = listTimes1000(d, nullptr);
    const Int128 listDAtReference = listTimes1000(d, referencePrices);
    const Int128 listR = listTimes1000(r, nullptr);
    const Int128 s0 = r.charged.units();
    Int128 s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    if (r.billable() == 0) {
        // Nothing billable on the reference day: every call of the day is new volume, at the reference
        // day's prices; the price step still shows a price change.
        s1 = s2 = s3 = mulDivRound(listDAtReference, 1, 1000);
        s4 = mulDivRound(listD, 1, 1000);
    } else {
        s1 = mulDivRound(r.charged.units(), d.billable(), r.billable());
        if (r.payPerUse == 0 || listR == 0) {
            // Every call of the reference day was covered: no price per call to carry over, so the day's
            // pay-per-use calls count at the reference day's list prices, all of it package coverage.
            s2 = s3 = mulDivRound(listDAtReference, 1, 1000);
            s4 = mulDivRound(listD, 1, 1000);
        } else {
            s2 = mulDivRound(r.charged.units(), d.payPerUse, r.payPerUse);
            s3 = mulDivRound(r.charged.units(), listDAtReference, listR);
            s4 = mulDivRound(r.charged.units(), listD, listR);
        }
    }
    const Int128 late = Int128(d.lateCharged.units()) - r.lateCharged.units();
    const Int128 volume = (s1 - s0) + (Int128(d.charged.units()) - s4);
    auto lateUsage = money(late), coverage = money(s2 - s1), tier = money(s3 - s2), price = money(s4 - s3),
         rest = money(volume);
    for (const Result<Money> *m : {&lateUsage, &coverage, &tier, &price, &rest})
        if (!*m)
            return m->error();
    AnomalyCauses c;
    c.lateUsage = *lateUsage;
    c.packageCoverage = *coverage;
    c.tier = *tier;
    c.price = *price;
    c.volume = *rest;
    return c;
}

struct Window
{
    qint64 firstBucket = 0; // first day judged
    qint64 lastBucket = -1; // last day judged (inclusive)
};

qint64 bucketOf(Instant t, qint64 offset)
{
    return (t + offset) / kMicrosPerDay;
}

Instant startOf(qint64 bucket, qint64 offset)
{
    return bucket * kMicrosPerDay - offset;
}

// The days that can be judged in [dayStart(from), to): ended by now, four full weeks of history before.
Window judgedDays(const Context &ctx, Instant from, Instant to)
{
    const qint64 offset = qint64(ctx.calendar.utcOffsetSeconds()) * kMicrosPerSecond;
    const qint64 firstLife = bucketOf(ctx.calendar.dayStart(ctx.account.createdAt), offset);
    Window w;
    w.firstBucket = std::max(bucketOf(ctx.calendar.dayStart(from), offset), firstLife + 7 * kWeeks);
    w.lastBucket = bucketOf(to - 1, offset);
    while (w.lastBucket >= w.firstBucket && startOf(w.lastBucket + 1, offset) > ctx.now)
        --w.lastBucket;
    return w;
}

// The costs of every key and day in [firstBucket, lastBucket]: all that judging needs.
Status loadCosts(Context &ctx, qint64 firstBucket, qint64 lastBucket, History &out)
{
    const int offsetSeconds = ctx.calendar.utcOffsetSeconds();
    const qint64 offset = qint64(offsetSeconds) * kMicrosPerSecond;
    const Instant from = startOf(firstBucket, offset);
    const Instant to = startOf(lastBucket + 1, offset);
    auto usage = AnomalyRepository(ctx.db).usage(from, to, offsetSeconds);
    if (!usage)
        return usage.error();
    for (const AnomalyRepository::Usage &u : *usage) {
        DayFacts &d = out[{u.key.api, u.key.region, u.key.project}][u.key.bucket];
        (u.mode == kModePackage ? d.covered : d.payPerUse) += u.calls;
        d.charged += u.charged;
    }
    std::vector<CostPiece> late;
    if (Status s = gatherLate(ctx, from, to, late); !s)
        return s;
    for (const CostPiece &p : late) {
        DayFacts &d = out[{p.api, p.region, p.project}][bucketOf(p.at, offset)];
        d.lateCharged += p.cost;
        d.lateCalls += p.calls;
    }
    return {};
}

// What explaining needs besides: the tier rows and the non-billable calls (read only when a day is
// anomalous, which keeps the catch-up's check of a long range cheap).
Status loadDetails(Context &ctx, qint64 firstBucket, qint64 lastBucket, History &out)
{
    const int offsetSeconds = ctx.calendar.utcOffsetSeconds();
    const qint64 offset = qint64(offsetSeconds) * kMicrosPerSecond;
    const Instant from = startOf(firstBucket, offset);
    const Instant to = startOf(lastBucket + 1, offset);
    AnomalyRepository repo(ctx.db);
    auto tiers = repo.tiers(from, to, offsetSeconds);
    if (!tiers)
        return tiers.error();
    for (const AnomalyRepository::TierCalls &t : *tiers)
        out[{t.key.api, t.key.region, t.key.project}][t.key.bucket].tiers.push_back(
            {t.tier, t.pricePer1000, t.calls});
    auto failed = repo.nonBillable(from, to, offsetSeconds);
    if (!failed)
        return failed.error();
    for (const AnomalyRepository::NonBillable &f : *failed)
        out[{f.key.api, f.key.region, f.key.project}][f.key.bucket].nonBillable += f.calls;
    return {};
}

const DayFacts &factsOn(const std::map<qint64, DayFacts> &days, qint64 bucket)
{
    static const DayFacts none;
    auto it = days.find(bucket);
    return it == days.end() ? none : it->second;
}

std::array<qint64, kWeeks> weeksBefore(const std::map<qint64, DayFacts> &days, qint64 bucket)
{
    std::array<qint64, kWeeks> costs{};
    for (int i = 0; i < kWeeks; ++i)
        costs[size_t(i)] = factsOn(days, bucket - 7 * (kWeeks - i)).cost().units();
    return costs;
}

Money quarterUnits(Int128 v) // v / 4, half away from zero (the baseline is exact: see anomalies.h)
{
    return Money::fromUnits(qint64(mulDivRound(v, 1, 4)));
}

} // namespace

const QStringList &anomalyCauseIds()
{
    static const QStringList ids{QStringLiteral("volume"),           QStringLiteral("failed_share"),
                                 QStringLiteral("package_coverage"), QStringLiteral("tier"),
                                 QStringLiteral("late_usage"),       QStringLiteral("price")};
    return ids;
}

QString anomalyCauseName(const QString &id)
{
    if (id == QLatin1String("volume"))
        return AnalysisTr::tr("volume");
    if (id == QLatin1String("failed_share"))
        return AnalysisTr::tr("failed share");
    if (id == QLatin1String("package_coverage"))
        return AnalysisTr::tr("package coverage");
    if (id == QLatin1String("tier"))
        return AnalysisTr::tr("tier");
    if (id == QLatin1String("late_usage"))
        return AnalysisTr::tr("late usage");
    if (id == QLatin1String("price"))
        return AnalysisTr::tr("price");
    return id;
}

Money AnomalyCauses::byId(const QString &id) const
{
    const std::array<Money, 6> values{volume, failedShare, packageCoverage, tier, lateUsage, price};
    const qsizetype i = anomalyCauseIds().indexOf(id);
    return i < 0 ? Money() : values[size_t(i)];
}

QString AnomalyCauses::dominant() const
{
    QString best = anomalyCauseIds().first();
    qint64 bestSize = -1;
    for (const QString &id : anomalyCauseIds()) {
        const qint64 size = std::abs(byId(id).units());
        if (size > bestSize) {
            best = id;
            bestSize = size;
        }
    }
    return best;
}

Result<AnomalyCauses> attributeAnomaly(const AnomalyDayUsage &day, const AnomalyDayUsage &reference,
                                       const std::vector<Tier> *referencePrices)
{
    return explain(day, reference, referencePrices);
}

Status validateAnomalyRange(Instant from, Instant to)
{
    if (from >= to)
        return Error::badUsage(AnalysisTr::tr("the start of the range must be before its end"));
    return {};
}

Result<std::vector<Anomaly>> findAnomalies(Context &ctx, Instant from, Instant to)
{
    if (Status s = validateAnomalyRange(from, to); !s)
        return s.error();
    const Window w = judgedDays(ctx, from, to);
    std::vector<Anomaly> out;
    if (w.lastBucket < w.firstBucket)
        return out;
    History history;
    if (Status s = loadCosts(ctx, w.firstBucket - 7 * kWeeks, w.lastBucket, history); !s)
        return s.error();
    struct Found
    {
        const Key *key;
        const std::map<qint64, DayFacts> *days;
        qint64 bucket;
        Judgement judgement;
    };
    std::vector<Found> found;
    for (const auto &[key, days] : history)
        for (qint64 b = w.firstBucket; b <= w.lastBucket; ++b) {
            const Judgement j = judge(factsOn(days, b).cost().units(), weeksBefore(days, b));
            if (j.anomalous)
                found.push_back({&key, &days, b, j});
        }
    if (found.empty())
        return out;
    // std::map keeps its nodes where they are: the pointers above stay valid while details are added.
    if (Status s = loadDetails(ctx, w.firstBucket - 7 * kWeeks, w.lastBucket, history); !s)
        return s.error();
    const qint64 offset = qint64(ctx.calendar.utcOffsetSeconds()) * kMicrosPerSecond;
    for (const Found &f : found) {
        const auto &[api, region, project] = *f.key;
        const qint64 b = f.bucket;
        const Judgement &j = f.judgement;
        const DayFacts &d = factsOn(*f.days, b);
        const qint64 refBucket = b - 7 * (kWeeks - j.reference);
        const DayFacts &r = factsOn(*f.days, refBucket);
        Anomaly a;
        a.day = startOf(b, offset);
        a.api = api;
        a.region = region;
        a.project = project;
        a.cost = d.cost();
        a.baseline = quarterUnits(j.baseline4);
        a.referenceDay = startOf(refBucket, offset);
        a.referenceCost = r.cost();
        a.difference = a.cost - a.referenceCost;
        const std::vector<Tier> *referencePrices = nullptr;
        if (const ApiInfo *info = ctx.catalog.api(api))
            referencePrices = &ctx.catalog.tiers(ctx.catalog.priceListAt(a.referenceDay), info->category);
        auto causes = attributeAnomaly(d, r, referencePrices);
        if (!causes)
            return causes.error();
        a.causes = *causes;
        a.calls = d.billable() + d.lateCalls;
        a.referenceCalls = r.billable() + r.lateCalls;
        a.failedCalls = d.nonBillable;
        a.referenceFailedCalls = r.nonBillable;
        out.push_back(std::move(a));
    }
    std::sort(out.begin(), out.end(), [](const Anomaly &x, const Anomaly &y) {
        return std::tie(x.day, x.api, x.region, x.project) < std::tie(y.day, y.api, y.region, y.project);
    });
    return out;
}

Status notifyAnomalies(Context &ctx, Instant since)
{
    const Instant first = ctx.calendar.dayStart(since);
    if (first + kMicrosPerDay > ctx.now)
        return {}; // no day ended since
    auto found = findAnomalies(ctx, first, ctx.now);
    if (!found)
        return found.error();
    for (const Anomaly &a : *found) {
        const QString day = ctx.calendar.format(a.day).left(10);
        QJsonObject args{
            {QStringLiteral("api"), a.api},
            {QStringLiteral("region"), a.region},
            {QStringLiteral("project"), a.project},
            {QStringLiteral("day"), day},
            {QStringLiteral("direction"), a.isRise() ? QStringLiteral("rise") : QStringLiteral("drop")},
            {QStringLiteral("cost"), a.cost.toString()},
            {QStringLiteral("baseline"), a.baseline.toString()},
            {QStringLiteral("difference"), a.difference.toString()},
            {QStringLiteral("cause"), a.causes.dominant()}};
        const QString key = QStringLiteral("anomaly:%1:%2:%3:%4").arg(day, a.api, a.region, a.project);
        if (Status s = ctx.notify(a.day + kMicrosPerDay, AlertKind::Anomaly, args, key); !s)
            return s;
    }
    return {};
}

Result<std::vector<AnomalyPoint>> anomalySeries(Context &ctx, const QString &api, const QString &region,
                                                const QString &project, Instant from, Instant to)
{
    if (Status s = validateAnomalyRange(from, to); !s)
        return s.error();
    const qint64 offset = qint64(ctx.calendar.utcOffsetSeconds()) * kMicrosPerSecond;
    const qint64 firstLife = bucketOf(ctx.calendar.dayStart(ctx.account.createdAt), offset);
    qint64 first = std::max(bucketOf(ctx.calendar.dayStart(from), offset), firstLife);
    qint64 last = bucketOf(to - 1, offset);
    while (last >= first && startOf(last + 1, offset) > ctx.now)
        --last;
    std::vector<AnomalyPoint> out;
    if (last < first)
        return out;
    History history;
    if (Status s = loadCosts(ctx, first - 7 * kWeeks, last, history); !s)
        return s.error();
    const auto &days = history[{api, region, project}];
    for (qint64 b = first; b <= last; ++b) {
        AnomalyPoint p;
        p.day = startOf(b, offset);
        p.cost = factsOn(days, b).cost();
        p.hasBaseline = b >= firstLife + 7 * kWeeks;
        if (p.hasBaseline) {
            const Judgement j = judge(p.cost.units(), weeksBefore(days, b));
            p.baseline = quarterUnits(j.baseline4);
            const Money threshold = Money::fromUnits(qint64(mulDivRound(j.threshold4Times10000, 1, 40000)));
            p.low = p.baseline - threshold;
            p.high = p.baseline + threshold;
        }
        out.push_back(p);
    }
    return out;
}

} // namespace billing
