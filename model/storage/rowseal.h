#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QStringView>

#include <string>

class QVariant;

namespace billing {

// The running SHA-256 of the rows one transaction writes to one sealed table, in a canonical form that
// storage/sealrepository.h reads back the same way: each value tagged with its type (an integer, a text
// with its length, NULL), each row closed. Fed while the rows are written, so sealing reads nothing back.
class RowDigest
{
public:
    void addInt(qint64 v);
    void addText(QStringView v);
    void addNull();
    void addValue(const QVariant &v); // a value as read back: integers, texts, NULL; anything else differs
    void endRow(qint64 id);           // closes the row; id is the row's id (0 for a table without one)
    void dropRow();                   // the statement failed: the row was not written

    qint64 rows() const { return m_rows; }
    qint64 lastId() const { return m_lastId; }
    QByteArray hexResult() const { return m_hash.result().toHex(); }
    void reset();

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    std::string m_row; // the row being built; keeps its capacity from row to row
    qint64 m_rows = 0;
    qint64 m_lastId = 0;
};

// What the current write transaction has written to the sealed tables (billing-decisions.md, "Row seals").
struct RowSeal
{
    RowDigest records;
    RowDigest tiers;
    RowDigest ledger;

    bool empty() const { return records.rows() == 0 && tiers.rows() == 0 && ledger.rows() == 0; }
    void reset()
    {
        records.reset();
        tiers.reset();
        ledger.reset();
    }
};

} // namespace billing
