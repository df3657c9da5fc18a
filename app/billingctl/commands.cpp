// The command table: every command's name, arguments, options, help note and handler, in the order of
// `billingctl help` (cli-contract.md).
#include "commands.h"

namespace billing::cli {

namespace {
Option value(const char *name, const char *placeholder)
{
    return {QLatin1String(name), QLatin1String(placeholder), false};
}
Option required(const char *name, const char *placeholder)
{
    return {QLatin1String(name), QLatin1String(placeholder), true};
}
Option flag(const char *name)
{
    return {QLatin1String(name), QString(), false};
}
QStringList words(const char *placeholders)
{
    return QString::fromLatin1(placeholders).split(u' ', Qt::SkipEmptyParts);
}
} // namespace

const std::vector<Command> &Cli::commands()
{
    static const std::vector<Command> table{
        {QStringLiteral("init"),
         {},
         {value("currency", "USD"), value("utc-offset", "+08:00"), value("name", "NAME")},
         {},
         cmdInit},
        {QStringLiteral("topup"), words("AMOUNT"), {}, {}, cmdTopUp},
        {QStringLiteral("status"), {}, {}, {}, cmdStatus},
        {QStringLiteral("verify"), {}, {}, {}, cmdVerify},
        {QStringLiteral("audit"), {}, {}, QStringLiteral("who did what, when, before and after"), cmdAudit},
        {QStringLiteral("backup"), words("FILE"), {}, {}, cmdBackup},
        {QStringLiteral("restore"), words("FILE"), {flag("replace")}, {}, cmdRestore},
        {QStringLiteral("demo"),
         {},
         {value("months", "N"), value("seed", "S"), value("name", "NAME")},
         {},
         cmdDemo},
        {QStringLiteral("notifications"), {}, {flag("mark-read")}, {}, cmdNotifications},
        {QStringLiteral("enable"), words("API REGION"), {}, {}, cmdEnable},
        {QStringLiteral("disable"), words("API REGION"), {}, {}, cmdDisable},
        {QStringLiteral("stop-billing"), {}, {}, {}, cmdStopBilling},
        {QStringLiteral("grant-coupon"),
         words("AMOUNT"),
         {required("expires", "TIME"), value("api", "API")},
         {},
         cmdGrantCoupon},
        {QStringLiteral("buy"),
         words("API REGION SKU"),
         {value("effective", "TIME"), flag("auto-renew"), value("days", "N"), value("quantity", "N")},
         {},
         cmdBuy},
        {QStringLiteral("renew"),
         words("PACKAGE_ID"),
         {value("sku", "SKU")},
         QStringLiteral("--sku: the next term as another size of the same API and region"),
         cmdRenew},
        {QStringLiteral("auto-renew"),
         words("PACKAGE_ID on|off"),
         {value("days", "N"), value("sku", "SKU")},
         QStringLiteral("--sku (with on): every attempt renews as that size until changed"),
         cmdAutoRenew},
        {QStringLiteral("unsubscribe"), words("PACKAGE_ID"), {}, {}, cmdUnsubscribe},
        {QStringLiteral("import-calls"),
         words("FILE|-"),
         {flag("late"), value("profile", "NAME")},
         QStringLiteral("--profile: a log in another layout, see profile"),
         cmdImport},
        {QStringLiteral("settle"), {}, {}, {}, cmdSettle},
        {QStringLiteral("bill"), words("MONTH"), {}, {}, cmdBill},
        {QStringLiteral("transactions"),
         {},
         {value("from", "TIME"), value("to", "TIME"), value("api", "API"), value("type", "TYPE"),
          value("month", "YYYY-MM"), value("limit", "N")},
         {},
         cmdTransactions},
        {QStringLiteral("line"),
         words("TRANSACTION_ID"),
         {},
         QStringLiteral("drill down to the calls behind a line"),
         cmdLine},
        {QStringLiteral("cost"),
         {},
         {required("from", "TIME"), required("to", "TIME"), required("granularity", "hour|day|month"),
          value("group-by", "DIM[,DIM]"), value("view", "cash|amortized"), value("api", "A"),
          value("region", "R"), value("project", "P"), value("mode", "M"), value("tag", "T"),
          value("category", "C"), value("measure", "cost|calls|unit-cost")},
         QStringLiteral(
             "DIM: api, category, region, mode, project, tag; unit-cost: per 1,000 billable calls"),
         cmdCost},
        {QStringLiteral("recommend"),
         {},
         {},
         QStringLiteral("cheapest option per API and region"),
         cmdRecommend},
        {QStringLiteral("forecast"),
         words("[YYYY-MM]"),
         {},
         QStringLiteral("month-end forecast of the cash cost"),
         cmdForecast},
        {QStringLiteral("price"),
         words("API CALLS"),
         {},
         QStringLiteral("monthly cost pay-per-use and per package"),
         cmdPrice},
        {QStringLiteral("anomalies"),
         {},
         {required("from", "TIME"), required("to", "TIME")},
         QStringLiteral("days whose cost left its usual range, and why"),
         cmdAnomalies},
        {QStringLiteral("tag"),
         words("PROJECT [TAG...]"),
         {},
         QStringLiteral("set a project's cost tags; none clears"),
         cmdTag},
        {QStringLiteral("tags"), {}, {}, QStringLiteral("list the projects' cost tags"), cmdTags},
        {QStringLiteral("export-bill"),
         words("MONTH"),
         {required("format", "csv|xlsx|pdf"), required("out", "FILE")},
         {},
         cmdExportBill},
        {QStringLiteral("export-focus"),
         {},
         {required("from", "MONTH"), required("to", "MONTH"), required("out", "FILE")},
         QStringLiteral("FOCUS 1.2 cost and usage rows as CSV"),
         cmdExportFocus},
        {QStringLiteral("reconcile"),
         words("FILE..."),
         {value("month", "YYYY-MM"), value("profile", "NAME")},
         QStringLiteral("compare the provider's bill files with the account; read-only"),
         cmdReconcile},
        {QStringLiteral("reconcile accept"),
         words("MONTH [FILE...]"),
         {value("note", "TEXT"), value("profile", "NAME")},
         {},
         cmdReconcileAccept},
        {QStringLiteral("budget"), {}, {}, QStringLiteral("monthly budgets and their alerts"), cmdBudget},
        {QStringLiteral("budget set"),
         words("NAME AMOUNT"),
         {value("actual", "80,100"), value("forecast", "100"), value("api", "A,..."),
          value("region", "R,..."), value("project", "P,..."), value("tag", "T,...")},
         QStringLiteral("without --api, --region, --project or --tag: the whole account"),
         cmdBudgetSet},
        {QStringLiteral("budget list"), {}, {}, {}, cmdBudgetList},
        {QStringLiteral("budget remove"), words("NAME"), {}, {}, cmdBudgetRemove},
        {QStringLiteral("member"), {}, {}, QStringLiteral("who may do what; owners only"), cmdMember},
        {QStringLiteral("member set"), words("NAME owner|finance|analyst"), {}, {}, cmdMemberSet},
        {QStringLiteral("member list"), {}, {}, {}, cmdMemberList},
        {QStringLiteral("member remove"), words("NAME"), {}, {}, cmdMemberRemove},
        {QStringLiteral("profile"),
         {},
         {},
         QStringLiteral("column profiles for call logs and provider bills in other layouts"),
         cmdProfile},
        {QStringLiteral("profile save"), words("NAME FILE.json"), {flag("replace")}, {}, cmdProfileSave},
        {QStringLiteral("profile list"), {}, {}, {}, cmdProfileList},
        {QStringLiteral("profile show"), words("NAME"), {}, {}, cmdProfileShow},
        {QStringLiteral("profile remove"), words("NAME"), {}, {}, cmdProfileRemove},
        {QStringLiteral("whoami"), {}, {}, QStringLiteral("the acting user and their role"), cmdWhoami},
    };
    return table;
}

} // namespace billing::cli
