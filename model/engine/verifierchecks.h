#pragma once

#include <QStringList>

namespace billing {

struct Context;

// The checks of verify that look at the database as stored (engine/verifier.cpp runs them): each adds one
// translated sentence per finding, naming the table, the row, the column and what it holds.
namespace verifier {
// The database engine's own page and index check (storage/integrityrepository.h).
void checkEngine(Context &ctx, QStringList &findings);
// Every stored API, region, package size and name of the program's own against the account's catalog.
void checkIds(Context &ctx, QStringList &findings);
// Every pay-per-use line's tier rows against its calls, its fee and the catalog's tier prices.
void checkTiers(Context &ctx, QStringList &findings);
// The row seals' chain against the transaction records, tier rows and ledger entries as stored.
void checkSeals(Context &ctx, QStringList &findings);
// The cost rollups (storage/costrollup.h) against the rollups the records give (verifierrollups.cpp): each
// hour, day or month and key that differs, the first few by name.
void checkRollups(Context &ctx, QStringList &findings);
} // namespace verifier

} // namespace billing
