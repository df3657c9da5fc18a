#include "analysis/focusexport.h"

#include "analysis/costpieces.h"
#include "analysis/tr.h"
#include "core/shown.h"
#include "engine/context.h"
#include "storage/tagrepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <map>

namespace billing {

namespace {

using C = FocusColumn;

const QString kServiceCategory = QStringLiteral("AI and Machine Learning");
const QString kDefaultProvider = QStringLiteral("Huawei Cloud");

// Exact decimal text of value × 10^−scale: no trailing zeros after the point, "0" for zero.
QString decimalText(Int128 value, int scale)
{
    const bool negative = value < 0;
    if (negative)
        value = -value;
    QString digits;
    do {
        digits.prepend(QChar(u'0' + int(value % 10)));
        value /= 10;
    } while (value > 0);
    while (digits.size() <= scale)
        digits.prepend(u'0');
    QString text = digits.left(digits.size() - scale);
    QString fraction = digits.right(scale);
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    if (!fraction.isEmpty())
        text += u'.' + fraction;
    return negative && text != QLatin1String("0") ? u'-' + text : text;
}

QString money(Money m)
{
    return m.toString();
}

// "2026-09-30T16:00:00Z": the instant's second in UTC.
QString utc(Instant t)
{
    static const BillingCalendar utcCalendar(0);
    const Instant second = t - ((t % kMicrosPerSecond) + kMicrosPerSecond) % kMicrosPerSecond;
    return utcCalendar.format(second).replace(QLatin1String("+00:00"), QLatin1String("Z"));
}

// The provider's name: the catalog's "provider" field where it has one.
QString providerName(const Catalog &catalog)
{
    const QString name =
        QJsonDocument::fromJson(catalog.source()).object().value(QLatin1String("provider")).toString();
    return name.isEmpty() ? kDefaultProvider : name;
}

struct Builder
{
    Context &ctx;
    std::map<QString, QStringList> tags;
    std::map<qint64, Money> parts; // covered usage line → its part of the package price
    PackageSpread spread;
    std::map<qint64, Package> packages; // every package, refunded ones too
    QString provider;
    Instant rangeEnd = 0;

    QString apiName(const QString &api) const
    {
        const ApiInfo *a = ctx.catalog.api(api);
        return a ? a->name : api;
    }
    QString regionName(const QString &region) const
    {
        const RegionInfo *r = ctx.catalog.region(region);
        return r ? r->name : region;
    }

    FocusRow common(Instant monthStart) const
    {
        FocusRow row;
        const QString account = ctx.account.name.isEmpty() ? QStringLiteral("account") : ctx.account.name;
        row[C::BillingAccountId] = account;
        row[C::BillingAccountName] = account;
        row[C::BillingCurrency] = ctx.account.currency;
        row[C::BillingPeriodStart] = utc(monthStart);
        row[C::BillingPeriodEnd] = utc(ctx.calendar.addMonths(monthStart, 1));
        row[C::ProviderName] = provider;
        row[C::PublisherName] = provider;
        row[C::InvoiceIssuerName] = provider;
        row[C::ServiceCategory] = kServiceCategory;
        return row;
    }

    void place(FocusRow &row, const QString &api, const QString &region, const QString &project) const
    {
        row[C::ServiceName] = api.isEmpty() ? QStringLiteral("OCR") : apiName(api);
        if (!region.isEmpty()) {
            row[C::RegionId] = region;
            row[C::RegionName] = regionName(region);
        }
        if (!project.isEmpty()) {
            row[C::SubAccountId] = project;
            row[C::SubAccountName] = project;
            auto it = tags.find(project);
            if (it != tags.end() && !it->second.isEmpty()) {
                QJsonObject o;
                for (const QString &t : it->second)
                    o.insert(t, QJsonValue::Null); // a cost tag is a label: a key without a value
                row[C::Tags] = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            }
        }
    }

    void commitment(FocusRow &row, const Package &p, qint64 quantity) const
    {
        row[C::CommitmentDiscountId] = QStringLiteral("package-%1").arg(p.id);
        row[C::CommitmentDiscountName] =
            QStringLiteral("%1 %2 package, %3").arg(apiName(p.api), p.sku, regionName(p.region));
        row[C::CommitmentDiscountType] = QStringLiteral("Resource Package");
        row[C::CommitmentDiscountCategory] = QStringLiteral("Usage");
        row[C::CommitmentDiscountQuantity] = QString::number(quantity);
        row[C::CommitmentDiscountUnit] = QStringLiteral("Calls");
        row[C::PricingCategory] = QStringLiteral("Committed");
    }

    static void prices(FocusRow &row, const QString &unitPrice, const QString &quantity, const QString &cost)
    {
        row[C::ListUnitPrice] = unitPrice;
        row[C::ContractedUnitPrice] = unitPrice;
        row[C::PricingQuantity] = quantity;
        row[C::ListCost] = cost;
        row[C::ContractedCost] = cost;
    }

    void usage(FocusRow &row, const Record &r) const
    {
        row[C::ChargeCategory] = QStringLiteral("Usage");
        row[C::ChargeFrequency] = QStringLiteral("Usage-Based");
        if (r.late && ctx.calendar.monthKey(r.expenditureAt) != r.billMonth)
            row[C::ChargeClass] = QStringLiteral("Correction");
        const Instant hour = ctx.calendar.hourStart(r.expenditureAt);
        row[C::ChargePeriodStart] = utc(hour);
        row[C::ChargePeriodEnd] = utc(hour + kMicrosPerHour);
        row[C::ChargeDescription] =
            QStringLiteral("%1, %2, %3").arg(apiName(r.api), regionName(r.region), r.mode);
        // The exact list cost at 11 decimals: the fee and what its floor to 8 decimals dropped.
        const Int128 exact = Int128(r.fee.units()) * 1000 + r.feeRemainder;
        const QString unitPrice = r.calls > 0 ? decimalText((exact * 100'000'000 + r.calls / 2) / r.calls, 16)
                                              : QStringLiteral("0");
        prices(row, unitPrice, decimalText(r.calls, 3), decimalText(exact, 11));
        row[C::PricingUnit] = QStringLiteral("1000 Calls");
        row[C::ConsumedQuantity] = QString::number(r.calls);
        row[C::ConsumedUnit] = QStringLiteral("Calls");
        row[C::SkuId] = r.api;
        row[C::SkuPriceId] = QStringLiteral("%1:%2:%3").arg(r.api, r.region, r.mode);
        row[C::SkuMeter] = QStringLiteral("API Calls");
        row[C::SkuPriceDetails] =
            QStringLiteral("{\"x_BillingMode\":\"%1\",\"x_PricedPer\":1000}").arg(r.mode);
        row[C::BilledCost] = money(r.charged);
        if (r.mode == kModePackage && r.packageId && packages.count(*r.packageId)) {
            commitment(row, packages.at(*r.packageId), r.calls);
            row[C::CommitmentDiscountStatus] = QStringLiteral("Used");
            auto part = parts.find(r.id);
            row[C::EffectiveCost] = money(part == parts.end() ? Money() : part->second);
        } else {
            row[C::PricingCategory] = QStringLiteral("Standard");
            row[C::EffectiveCost] = money(r.charged);
        }
    }

    void packageSku(FocusRow &row, const Package &p) const
    {
        row[C::SkuId] = QStringLiteral("%1:%2").arg(p.api, p.sku);
        row[C::SkuPriceId] = QStringLiteral("%1:%2:%3").arg(p.api, p.sku, p.region);
        row[C::SkuMeter] = QStringLiteral("Package");
        row[C::SkuPriceDetails] = QStringLiteral("{\"x_Quota\":%1}").arg(p.quota);
    }

    void purchase(FocusRow &row, const Record &r) const
    {
        row[C::ChargeCategory] = QStringLiteral("Purchase");
        row[C::ChargeFrequency] = QStringLiteral("One-Time");
        row[C::ChargePeriodStart] = utc(r.expenditureAt);
        row[C::ChargePeriodEnd] = utc(r.expenditureAt + kMicrosPerSecond);
        const bool refund = r.fee.isNegative() || (r.fee.isZero() && r.charged.isNegative());
        prices(row, money(refund ? -r.fee : r.fee), refund ? QStringLiteral("-1") : QStringLiteral("1"),
               money(r.fee));
        row[C::PricingUnit] = QStringLiteral("Packages");
        row[C::BilledCost] = money(r.charged);
        row[C::EffectiveCost] = money(Money()); // the package's price is spread over the calls it covers
        QString what = recordTypeId(r.type);
        if (r.packageId && packages.count(*r.packageId)) {
            const Package &p = packages.at(*r.packageId);
            commitment(row, p, refund ? -p.quota : p.quota);
            packageSku(row, p);
            what = QStringLiteral("%1 of %2").arg(what, row[C::CommitmentDiscountName]);
        }
        row[C::ChargeDescription] = what;
    }

    void credit(FocusRow &row, const Record &r) const
    {
        row[C::ChargeCategory] = QStringLiteral("Credit");
        row[C::ChargeFrequency] = QStringLiteral("One-Time");
        row[C::ChargePeriodStart] = utc(r.expenditureAt);
        row[C::ChargePeriodEnd] = utc(r.expenditureAt + kMicrosPerSecond);
        row[C::ChargeDescription] = QStringLiteral("coupon %1").arg(r.couponId.value_or(0));
        row[C::ListCost] = row[C::ContractedCost] = money(Money());
        row[C::BilledCost] = row[C::EffectiveCost] = money(r.charged);
    }

    Status records(const QString &month, Instant monthStart, const FocusSink &sink)
    {
        RecordFilter f;
        f.billMonth = month;
        f.sort = RecordSort::Id;
        auto list = ctx.records.list(f);
        if (!list)
            return list.error();
        for (const Record &r : *list) {
            if (r.type == Record::Type::TopUp)
                continue; // a payment, not a charge
            FocusRow row = common(monthStart);
            place(row, r.api, r.region, r.project);
            if (r.type == Record::Type::Usage)
                usage(row, r);
            else if (r.type == Record::Type::Coupon)
                credit(row, r);
            else
                purchase(row, r);
            row[C::RoundedOff] = money(r.roundedOff);
            if (Status s = sink(row); !s)
                return s;
        }
        return {};
    }

    // The quota that packages whose last second lies in the month left unused (the amortized view's waste).
    Status unused(const QString &month, Instant monthStart, const FocusSink &sink)
    {
        for (const auto &[id, spent] : spread.packages) {
            const Package &p = spent.package;
            if (ctx.calendar.monthKey(p.lastSecond()) != month)
                continue;
            auto waste = packageWaste(ctx, spent, rangeEnd);
            if (!waste || waste->isZero())
                continue;
            FocusRow row = common(monthStart);
            place(row, p.api, p.region, QString());
            row[C::ChargeCategory] = QStringLiteral("Usage");
            row[C::ChargeFrequency] = QStringLiteral("Usage-Based");
            const Instant hour = ctx.calendar.hourStart(p.lastSecond());
            row[C::ChargePeriodStart] = utc(hour);
            row[C::ChargePeriodEnd] = utc(p.endAt);
            const qint64 left = p.quota - std::min(spent.used, p.quota);
            commitment(row, p, left);
            row[C::CommitmentDiscountStatus] = QStringLiteral("Unused");
            packageSku(row, p);
            row[C::ChargeDescription] =
                QStringLiteral("unused quota of %1").arg(row[C::CommitmentDiscountName]);
            prices(row, money(Money()), decimalText(left, 3), money(Money()));
            row[C::PricingUnit] = QStringLiteral("1000 Calls");
            row[C::BilledCost] = money(Money());
            row[C::EffectiveCost] = money(*waste);
            row[C::RoundedOff] = money(Money());
            if (Status s = sink(row); !s)
                return s;
        }
        return {};
    }
};

bool isMonth(const QString &m)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{4}-(0[1-9]|1[0-2])$"));
    return re.match(m).hasMatch();
}

} // namespace

QStringList focusHeader()
{
    QStringList h;
    for (const char *c : kFocusColumns)
        h << QLatin1String(c);
    return h;
}

Status validateFocusRange(const FocusRange &range)
{
    for (const QString &m : {range.from, range.to})
        if (!isMonth(m))
            return Error::badUsage(AnalysisTr::tr("\"%1\" is not a month (YYYY-MM)").arg(shownValue(m)));
    if (range.from > range.to)
        return Error::badUsage(
            AnalysisTr::tr("the range starts after it ends: %1 is later than %2").arg(range.from, range.to));
    return {};
}

Status forEachFocusRow(Context &ctx, const FocusRange &range, const FocusSink &sink,
                       const FocusProgress &progress)
{
    if (Status s = validateFocusRange(range); !s)
        return s;
    auto first = ctx.calendar.parseMonth(range.from);
    auto last = ctx.calendar.parseMonth(range.to);
    if (!first || !last)
        return Error::badUsage(first ? last.error().message : first.error().message);
    Builder b{ctx, {}, {}, {}, {}, providerName(ctx.catalog), ctx.calendar.addMonths(*last, 1)};
    auto tags = TagRepository(ctx.db).all();
    if (!tags)
        return tags.error();
    b.tags = std::move(*tags);
    auto spread = spreadPackages(ctx);
    if (!spread)
        return spread.error();
    b.spread = std::move(*spread);
    for (const PackagePart &p : b.spread.parts)
        b.parts[p.line.id] = p.part;
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    for (const Package &p : *packages)
        b.packages[p.id] = p;

    int total = 0;
    for (Instant m = *first; m <= *last; m = ctx.calendar.addMonths(m, 1))
        ++total;
    int done = 0;
    for (Instant m = *first; m <= *last; m = ctx.calendar.addMonths(m, 1)) {
        if (progress && !progress(done, total))
            return Error::refused(AnalysisTr::tr("The export was cancelled."));
        const QString month = ctx.calendar.monthKey(m);
        if (Status s = b.records(month, m, sink); !s)
            return s;
        if (Status s = b.unused(month, m, sink); !s)
            return s;
        ++done;
    }
    if (progress)
        progress(done, total);
    return {};
}

} // namespace billing
