#pragma once

// Cost rollups (schema step 14, performance.md P2y): the sums cost analysis groups a year of records into,
// kept per hour, per day and per month (billing time zone) and per (API, region, project, mode), for the
// cash and the amortized view (analysis/costanalysis.h gives the readings), written in the transaction
// that writes the records they sum. Tags and categories are not stored: they are joined at query time
// over the small rollup (a project's tags can change after the fact).
//
// Grains: day and month per (API, region, project, mode); and hour per API alone (no full hour grain).
// - Cash: each usage (not late), purchase, renewal and refund record at its expenditure time; a late
//   usage line at its cash instant (its own hour, or the hour of the settlement that billed it into a
//   later month). Calls count for usage lines only.
// - Amortized: pay-per-use usage lines (late ones included) at their hour with their charge; package
//   lines at their hour with their part of the package's price (cumulative flooring in whole cents over
//   the package's lines in the order they were written), keyed by package so that a cancelled package's
//   parts are left out when read. Per package: calls covered so far and the parts given, for the waste.
#include "core/result.h"
#include "domain/types.h"
#include "money/money.h"
#include "storage/rollupsums.h"

#include <map>
#include <tuple>
#include <vector>

namespace billing {

class Database;

// Part i of a package's price over its lines: floor(P·c_i/Q) − floor(P·c_{i−1}/Q) in whole cents of
// P = the price truncated to cents, c = the calls covered so far; the price's fraction of a cent goes
// with the part that uses the quota up.
Money packagePart(Money price, qint64 quota, qint64 usedBefore, qint64 calls);

class CostRollup
{
public:
    // HourByApi: per hour and API only (the other key texts empty), for hour queries that group and filter
    // by nothing but API or category, and in the amortized view by mode too (a package part's mode is its
    // package's). Hour (every key per hour) is not kept (costrollup.cpp, addPiece).
    enum Grain : int { Hour = 0, Day = 1, Month = 2, HourByApi = 3 };
    enum View : int { Cash = 0, Amortized = 1 };
    struct Key
    {
        int grain = Hour;
        int view = Cash;
        Instant bucket = 0; // first instant of the hour, day or month
        QString api;
        QString region;
        QString project;
        QString mode;
        qint64 packageId = 0; // amortized package parts only
        auto tie() const { return std::tie(grain, view, bucket, api, region, project, mode, packageId); }
        bool operator<(const Key &o) const { return tie() < o.tie(); }
        bool operator==(const Key &o) const { return tie() == o.tie(); }
    };
    struct Sum
    {
        qint64 calls = 0;
        Int128 cost = 0;
        bool operator==(const Sum &o) const { return calls == o.calls && cost == o.cost; }
    };
    struct PackageUse
    {
        qint64 used = 0; // calls of its lines so far
        Int128 allocated = 0;
        bool operator==(const PackageUse &o) const { return used == o.used && allocated == o.allocated; }
    };
    struct Contents
    {
        std::map<Key, Sum> rows;
        std::map<qint64, PackageUse> packages;
    };

    explicit CostRollup(Database &db) : m_db(db) {}

    // The account's billing time zone (fixed when it is created); read from the account when not set.
    void setOffset(int utcOffsetSeconds)
    {
        m_offset = utcOffsetSeconds;
        m_offsetKnown = true;
    }
    // A write transaction begins or rolls back: what was added is forgotten.
    void reset();
    // A record the open transaction wrote.
    Status add(const Record &r);
    // Adds what was added to the stored rollups (in the transaction, before it commits).
    Status flush();

    // Every rollup again from the records, in the order they were written (migration step 14).
    Status rebuild();
    // The rollups the records give, and the rollups as stored (verify compares them).
    static Result<Contents> fromRecords(Database &db);
    static Result<Contents> stored(Database &db);

private:
    struct PackageLine
    {
        qint64 packageId = 0;
        Instant at = 0;
        qint32 project = 0; // text id
        qint64 calls = 0;
    };
    Status ensureOffset();
    Status writePackages(const std::map<qint64, PackageUse> &packages);
    void addPiece(int view, Instant at, qint32 api, qint32 region, qint32 project, qint32 mode,
                  qint64 packageId, qint64 calls, Int128 cost);
    // Package parts of m_packageLines onto m_sums, from `uses` (loaded from the store when missing).
    Status spreadLines(std::map<qint64, PackageUse> &uses, bool load);
    // Adds every charge record, in the order they were written (no account yet: nothing).
    Status addRecords();
    std::map<Key, Sum> rows() const;

    Database &m_db;
    int m_offset = 0;
    bool m_offsetKnown = false;
    // Pending sums keyed by interned texts (performance.md P3); the texts stay interned across transactions.
    rollup::Names m_names;
    rollup::Sums m_sums;
    std::vector<PackageLine> m_packageLines;
    std::map<qint64, PackageUse> m_packages; // after spreadLines: the new totals of the packages touched
};

} // namespace billing
