#pragma once

#include <QByteArray>
#include <QStringView>

#include <memory>
#include <string>

class QVariant;
struct evp_md_ctx_st;

namespace billing {

// The running SHA-256 of the rows one transaction writes to one sealed table, in a canonical form that
// storage/sealrepository.h reads back the same way: each value tagged with its type (an integer, a text
// with its length, NULL), each row closed. Fed while the rows are written, so sealing reads nothing back.
class RowDigest
{
public:
    RowDigest();
    ~RowDigest();
    RowDigest(const RowDigest &) = delete;
    RowDigest &operator=(const RowDigest &) = delete;

    void addInt(qint64 v);
    void addText(QStringView v);
    void addNull();
    void addValue(const QVariant &v); // a value as read back: integers, texts, NULL; anything else differs
    void endRow(qint64 id);           // closes the row; id is the row's id (0 for a table without one)
    void dropRow();                   // the statement failed: the row was not written

    qint64 rows() const { return m_rows; }
    qint64 lastId() const { return m_lastId; }
    QByteArray hexResult() const;
    void reset();

private:
    // OpenSSL's SHA-256 (SHA-NI where the CPU has it): QCryptographicHash's portable one cost ~10 % of P1.
    struct CtxFree
    {
        void operator()(evp_md_ctx_st *c) const;
    };
    std::unique_ptr<evp_md_ctx_st, CtxFree> m_ctx;
    // Whole rows not yet hashed, then the row being built from m_rowStart; handed to SHA-256 in blocks
    // of about 64 KiB. Keeps its capacity.
    std::string m_row;
    size_t m_rowStart = 0;
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
