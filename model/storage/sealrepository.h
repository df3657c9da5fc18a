#pragma once

#include "core/result.h"

#include <QString>

#include <vector>

namespace billing {

class Database;
struct RowSeal;

// One link of the row seals' chain (schema step 9, billing-decisions.md "Row seals"): the SHA-256 of the
// transaction records (ids recordFrom+1 … recordTo, with their tier rows) and ledger entries (ledgerFrom+1 …
// ledgerTo) one write transaction stored, chained to the seal before it. Seal 0 marks where sealing began:
// rows up to its ids were written before step 9 and are checked by the rules alone.
struct RowSealEntry
{
    qint64 id = 0;
    qint64 recordTo = 0;
    qint64 ledgerTo = 0;
    qint64 records = 0;
    qint64 tiers = 0;
    qint64 ledgerEntries = 0;
    QString recordsHash, tiersHash, ledgerHash; // each table's rows (storage/rowseal.h)
    QString prevHash;
    QString hash;
};

// Rows found after the newest seal: a few ids of each table for the message, and how many there are.
struct UnsealedRows
{
    std::vector<qint64> records, tierRecords, ledger;
    qint64 recordCount = 0, tierCount = 0, ledgerCount = 0;
};

class SealRepository
{
public:
    explicit SealRepository(Database &db) : m_db(db) {}

    // Appends the seal of what the open transaction wrote to the sealed tables (nothing when it wrote
    // none of their rows) and moves the chain's head; called just before COMMIT.
    Status sealWritten();
    Result<std::vector<RowSealEntry>> all();
    Result<QString> head();
    // Digests the stored rows of one seal's ranges in the form they were written in.
    Status digestStored(const RowSealEntry &previous, const RowSealEntry &seal, RowSeal &out);
    Result<UnsealedRows> unsealedAfter(const RowSealEntry &last);

    // The chain's hash of a seal: its ranges, counts and table hashes, and the previous seal's hash.
    static QString hashOf(const RowSealEntry &previous, const RowSealEntry &seal);

private:
    Database &m_db;
};

} // namespace billing
