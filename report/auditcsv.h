#pragma once

// The audit log as CSV, UTF-8, RFC 4180, for an auditor's spreadsheet: one row per entry with the
// hash chain, so the export itself can be checked against the database.
#include "core/result.h"
#include "storage/auditrepository.h"
#include "time/billingcalendar.h"

#include <vector>

class QIODevice;

namespace billing::report {

// Column names are a machine contract, not translated: id,time,actor,action,subject,before,after,
// prev_hash,hash (before/after as compact JSON, times ISO 8601 with the account's offset).
Status exportAuditCsv(const std::vector<AuditEntry> &entries, const BillingCalendar &calendar,
                      QIODevice &out);

} // namespace billing::report
