#include "reconcile/billreader.h"
#include "reconcile/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "domain/types.h"

#include <QCoreApplication>

namespace billing::billwords {

Status Reader::readFocus()
{
    if (Status s = checkAccount(pos("BillingAccountName"), pos("BillingCurrency")); !s)
        return s;
    const QString category = cell("ChargeCategory");
    if (category != QLatin1String("Usage") && category != QLatin1String("Purchase"))
        return ignore(ReconcileTr::tr("a %1 row is not a charge").arg(category));
    if (cell("CommitmentDiscountStatus") == QLatin1String("Unused"))
        return ignore(ReconcileTr::tr("unused package quota is not a charge"));
    BillLineKey key;
    auto period = time(pos("BillingPeriodStart"));
    if (!period)
        return period.error();
    key.month = m_o.calendar.monthKey(*period);
    if (!cell("ChargePeriodStart").isEmpty()) {
        auto t = time(pos("ChargePeriodStart"));
        if (!t)
            return t.error();
        key.hour = m_o.calendar.hourStart(*t);
    }
    const QString sku = cell("SkuId").section(u':', 0, 0);
    for (const QString &v : {sku, cell("ServiceName")}) {
        if (auto it = m_apis.find(norm(v)); !v.isEmpty() && it != m_apis.end()) {
            key.api = *it;
            break;
        }
    }
    if (key.api.isEmpty())
        return ignore(ReconcileTr::tr("not an OCR API of the catalog: %1").arg(cell("ServiceName")));
    auto r = region(pos("RegionId"));
    if (!r)
        return r.error();
    key.region = *r;
    if (category == QLatin1String("Purchase"))
        key.mode = kModePackage;
    else if (const auto m = modeOf(cell("SkuPriceId").section(u':', 2, 2)))
        key.mode = *m;
    else if (const auto m = modeOf(cell("PricingCategory")))
        key.mode = *m;
    else
        return badCell(pos("PricingCategory"), ReconcileTr::tr("no billing mode"));
    if (pos("SubAccountId") >= 0)
        key.project = cell("SubAccountId");
    LineFigures f;
    if (category == QLatin1String("Usage")) {
        auto calls = count(pos("ConsumedQuantity"));
        if (!calls)
            return calls.error();
        f.calls = *calls;
    }
    auto billed = amount(pos("BilledCost"), true);
    if (!billed)
        return billed.error();
    auto rounded = amount(pos("x_RoundedOff"), false);
    if (!rounded)
        return rounded.error();
    f.charged = *billed;
    f.roundedOff = *rounded;
    f.fee = f.charged + f.roundedOff;
    return deliver(key, f);
}

Status Reader::readOursTransaction()
{
    if (Status s = checkAccount(-1, pos("currency")); !s)
        return s;
    const QString type = cell("type");
    if (type != QLatin1String("usage") && type != QLatin1String("purchase") &&
        type != QLatin1String("renewal") && type != QLatin1String("refund"))
        return ignore(ReconcileTr::tr("a %1 record is not a charge").arg(type));
    BillLineKey key;
    key.month = monthOfCycle(cell("bill_month"));
    if (key.month.isEmpty())
        return badCell(
            pos("bill_month"),
            ReconcileTr::tr("\"%1\" is not a month (YYYY-MM)").arg(shownValue(cell("bill_month"))));
    auto t = time(pos("expenditure_time"));
    if (!t)
        return t.error();
    key.hour = m_o.calendar.hourStart(*t);
    return readOursFigures(key);
}

Status Reader::readOursBill()
{
    if (Status s = checkAccount(-1, pos("currency")); !s)
        return s;
    if (cell("api") == QLatin1String("total"))
        return ignore(ReconcileTr::tr("the bill's total row"));
    if (m_o.month.isEmpty())
        return Error::badData(
            ReconcileTr::tr("%1: a bill export does not name its month; give it with --month").arg(m_table));
    BillLineKey key;
    key.month = m_o.month;
    return readOursFigures(key);
}

Status Reader::readOursFigures(BillLineKey &key)
{
    const QString api = cell("api");
    if (!m_o.catalog->api(api))
        return badCell(pos("api"),
                       ReconcileTr::tr("\"%1\" is not an API of the catalog").arg(shownValue(api)));
    key.api = api;
    auto r = region(pos("region"));
    if (!r)
        return r.error();
    key.region = *r;
    const auto m = modeOf(cell("mode"));
    if (!m)
        return badCell(pos("mode"), ReconcileTr::tr("\"%1\" is not a billing mode (pay-per-use, package)")
                                        .arg(shownValue(cell("mode"))));
    key.mode = *m;
    if (pos("project") >= 0)
        key.project = cell("project");
    LineFigures f;
    auto calls = count(pos("calls"));
    if (!calls)
        return calls.error();
    f.calls = *calls;
    auto fee = amount(pos("fee"), true);
    auto charged = amount(pos("charged"), true);
    auto rounded = amount(pos("rounded_off"), true);
    for (const auto *x : {&fee, &charged, &rounded})
        if (!*x)
            return x->error();
    f.fee = *fee;
    f.charged = *charged;
    f.roundedOff = *rounded;
    return deliver(key, f);
}

} // namespace billing::billwords
