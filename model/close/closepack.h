#pragma once

// The month-end close pack (provider-bills.md §4): what a final month's pack holds, assembled from the
// account (no widgets, no files here; report/ renders it as PDF and XLSX).
//
// Readings chosen (ours):
// - Only a final month closes; a month may be closed again (each close is an audit entry "close").
// - The content is the data part: every figure below. It is a function of the month's records and of
//   the log entries of the month, so the same month closed twice has the same content; its canonical
//   JSON (closePackJson) is written beside the PDF and XLSX and its SHA-256 is the pack's content hash.
// - The close's own stamp (when, by whom, the audit chain's head at closing) is outside the content: it
//   is printed in the pack and recorded in the audit entry.
// - Chargeback: the rule in force is the default allocation rule (proportional to the calls a package
//   covered; the console does not store another). Direct = a project's own usage charges of the bill;
//   shared = the month's purchases, renewals and refunds per package, split over the projects by the
//   calls the package covered in the month (none: evenly over the projects with calls in the month;
//   no project at all: "(shared)"), largest remainder to the cent. The statements add up to the bill.
// - The rounded-off ledger: the bill's lines by day (the records' time), API, region and mode.
#include "analysis/allocation.h"
#include "analysis/anomalies.h"
#include "core/result.h"
#include "domain/budget.h"
#include "engine/bills.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace billing {

struct Context;

struct RoundedOffLine
{
    QString day; // YYYY-MM-DD in the account's offset
    QString api;
    QString region;
    QString mode;
    qint64 calls = 0;
    Money fee;
    Money charged;
    Money roundedOff;
};

struct ChargebackItem
{
    QString api; // a usage line's API; a package share: the package's API
    QString region;
    QString mode;                  // "pay-per-use", "package"; empty for a package share
    std::optional<qint64> package; // a share of this package's purchases, renewals and refunds
    qint64 calls = 0;
    Money amount;
};

struct ChargebackStatement
{
    QString project;
    std::vector<ChargebackItem> items;
    Money direct;
    Money shared;
    Money total() const { return direct + shared; }
};

struct BudgetActual
{
    QString name;
    QString scope; // BudgetScope::describe()
    Money amount;
    Money actual;
    int percent = 0; // actual / amount, whole percent floored
};

struct FiredGuard
{
    QString guard;
    QString at; // ISO 8601 with offset
    QStringList services;
};

struct ReconciliationState
{
    bool reconciled = false;
    QString by; // who accepted it
    QString at; // when
    QString note;
    QString difference; // the accepted difference, when the accept held the files' evidence
};

struct CloseAnomaly
{
    QString day; // YYYY-MM-DD in the account's offset
    Anomaly anomaly;
};

struct ClosePack
{
    QString month;
    QString currency;
    QString accountName;
    Bill bill;
    std::vector<RoundedOffLine> roundedOff;
    QString allocationRule; // allocationRuleId()
    std::vector<ChargebackStatement> chargebacks;
    std::vector<BudgetActual> budgets;
    std::vector<CloseAnomaly> anomalies;
    ReconciliationState reconciliation;
    std::vector<FiredGuard> guards;
    QString recordsDigest; // SHA-256 of the month's records (closeseal.h), what verify recomputes
    QString ledgerDigest;  // ... of its ledger entries
    QString tiersDigest;   // ... of its records' tier rows
};

// The close's own stamp: outside the content hash.
struct CloseStamp
{
    QString closedAt; // ISO 8601 with offset
    QString closedBy;
    QString auditHead; // the audit chain's head hash at closing (before the close's own entry)
    QString contentHash;
};

// The pack of a final month; refused (ErrorCode refused) for a month that is not final yet, bad usage
// for a malformed month. Reads only.
Result<ClosePack> assembleClosePack(Context &ctx, const QString &month);

// The content as canonical JSON (sorted keys, amounts as exact decimal strings, no time of closing),
// and its SHA-256 in hex: the content hash.
QByteArray closePackJson(const ClosePack &pack);
QString closePackHash(const QByteArray &json);

// "pay-per-use" → "Pay-per-use" etc. for the pack's readers; "(no project)" for an empty project.
QString closeProjectName(const QString &project);

} // namespace billing
