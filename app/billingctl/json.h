#pragma once

#include "analysis/anomalies.h"
#include "analysis/budgets.h"
#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/forecast.h"
#include "analysis/marginalprice.h"
#include "analysis/pricecalculator.h"
#include "analysis/recommendations.h"
#include "analysis/renewalsizer.h"
#include "auth/identity.h"
#include "demo/demogenerator.h"
#include "engine/accountstatus.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "mapping/columnprofile.h"
#include "storage/auditrepository.h"
#include "storage/memberrepository.h"
#include "storage/notificationrepository.h"
#include "time/billingcalendar.h"

#include <QJsonObject>

// Every JSON shape of cli-contract.md, one function per value type, used by every command that prints
// that type. Amounts are exact decimal strings, times ISO 8601 with offset.
namespace billing::cli::json {

QString amount(Money m);     // "12.34", more decimals only when needed
QString amountFine(Money m); // always 8 decimals, for fees and rounded-off amounts

// With `marginal`, each service listed there carries its marginal_price_per_1000 (8 decimals).
QJsonObject status(const AccountStatus &st, const BillingCalendar &cal,
                   const std::vector<MarginalPrice> &marginal = {});
QJsonObject package(const Package &p, const BillingCalendar &cal, Instant now);
QJsonObject service(const ServiceState &s);
QJsonObject stopBilling(const services::StopPreview &stopped);
QJsonObject topUp(Money amount, const funds::TopUpResult &r);
QJsonObject refund(qint64 packageId, const packages::Refund &r);
QJsonObject importSummary(const ImportSummary &r);
QJsonObject demo(const DemoSummary &r);

QJsonObject bill(const Bill &b, const QString &currency);
QJsonObject record(const Record &r, const BillingCalendar &cal);
QJsonObject lineDetail(const LineDetail &d, const BillingCalendar &cal);

QJsonObject notification(const Notification &n, const BillingCalendar &cal);
QJsonObject audit(const AuditEntry &e, const BillingCalendar &cal);
QJsonObject member(const Member &m, const BillingCalendar &cal);
QJsonObject identity(const Identity &who);

QJsonObject budget(const Budget &b);
QJsonObject budgetStatus(const BudgetStatus &s);
// Without a measure (or with `cost`) the contract's shape as it was; `calls` and `unit-cost` add "measure",
// and `unit-cost` adds "unit_cost" (8 decimals, null where there are no billable calls) to every row and
// to the whole.
QJsonObject cost(const CostQuery &q, const CostResult &r, const BillingCalendar &cal,
                 CostMeasure measure = CostMeasure::Cost, const ResultUnitCosts *unitCosts = nullptr);
QJsonObject quote(const Quote &q);
QJsonObject recommendation(const Recommendation &rec, const BillingCalendar &cal);
QJsonObject rightSizing(const RightSizing &r, const BillingCalendar &cal);
QJsonObject forecast(const Forecast &f, const BillingCalendar &cal);
QJsonObject anomaly(const Anomaly &a, const BillingCalendar &cal);
QString day(Instant dayStart, const BillingCalendar &cal); // "YYYY-MM-DD"
QJsonObject columnProfile(const ColumnProfile &p);

} // namespace billing::cli::json
