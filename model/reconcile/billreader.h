#pragma once

// The table sink of readBillFile (billfile.h): recognizes a table's format by its header and turns its
// rows into lines. Provider bills: billreader.cpp; FOCUS files and the console's exports: billformats.cpp.
// Internal to model/reconcile/.
#include "reconcile/billwords.h"
#include "reconcile/tabular.h"

#include <QHash>
#include <QSet>

#include <array>
#include <optional>

namespace billing::billwords {

// What a cell's text means, worked out once per distinct text (a file has few services, products,
// regions, modes, cycles and hours): not normalized and parsed again on every row (performance.md P7).
// The last text is recognized by its shared data (the CSV reader hands on a column's repeated text
// shared); a bounded number kept.
template <typename T> class CellMemo
{
public:
    template <typename Compute> const T &get(const QString &text, Compute &&compute)
    {
        if (m_has && text.constData() == m_lastText.constData() && text.size() == m_lastText.size())
            return m_last;
        auto it = m_known.constFind(text);
        if (it == m_known.constEnd()) {
            if (m_known.size() >= 65536)
                m_known.clear();
            it = m_known.insert(text, compute(text));
        }
        m_lastText = text;
        m_last = *it;
        m_has = true;
        return m_last;
    }

private:
    QHash<QString, T> m_known;
    QString m_lastText;
    T m_last{};
    bool m_has = false;
};

class Reader : public TableSink
{
public:
    Reader(const BillFileOptions &o, const LineSink &sink, BillFileSummary &summary);

    Status begin(const QString &name) override;

    Result<bool> row(qint64 line, const QStringList &cells) override;

    Status end() override;

    bool recognized() const override { return m_kind != Kind::None; }

    QString notBill() const;

    QString notReadReason() const override;

private:
    bool recognize(const QStringList &cells);

    bool setKind(Kind k, const QString &format);

    int p(F f) const { return m_prov[size_t(f)]; }

    // The cell of a provider meaning, or of a named column (FOCUS, ours); empty when absent.
    QString cell(int pos) const;
    QString cell(F f) const { return cell(p(f)); }
    int pos(const char *name) const { return m_named.value(norm(QLatin1String(name)), -1); }
    QString cell(const char *name) const { return cell(pos(name)); }

    Error badCell(int pos, const QString &why) const;
    Status ignore(const QString &why);

    Result<Money> amount(int pos, bool required) const;

    Result<qint64> count(int pos) const;

    Status checkAccount(int accountPos, int currencyPos);

    Result<QString> region(int pos);

    Result<Instant> time(int pos);

    Status deliver(const BillLineKey &key, const LineFigures &f);

    Status readRow();

    Status readProvider();

    Status readFocus();

    Status readOursTransaction();

    Status readOursBill();

    Status readOursFigures(BillLineKey &key);

    const BillFileOptions &m_o;
    const LineSink &m_sink;
    BillFileSummary &m_summary;
    QHash<QString, QString> m_apis;    // normalized name or code → API id
    QHash<QString, QString> m_regions; // the same for regions
    QSet<QString> m_services;
    CellMemo<bool> m_accountMemo;   // this account's
    CellMemo<bool> m_currencyMemo;  // the account's currency
    CellMemo<bool> m_serviceMemo;   // ours (an OCR service)
    CellMemo<QString> m_apiMemo;    // the API id, or empty
    CellMemo<QString> m_regionMemo; // the region id, or empty
    CellMemo<std::optional<BillType>> m_billTypeMemo;
    CellMemo<std::optional<QString>> m_modeMemo;
    CellMemo<QString> m_cycleMemo;               // "YYYY-MM", or empty
    CellMemo<bool> m_thousandsMemo;              // a usage unit of 1000 calls
    CellMemo<std::optional<Instant>> m_timeMemo; // parsed, or not a time
    QString m_table;
    Kind m_kind = Kind::None;
    int m_searched = 0;
    bool m_isCallLog = false;
    QString m_reason;
    QHash<QString, int> m_named;
    std::array<int, size_t(F::Count)> m_prov{};
    qint64 m_line = 0;
    qint64 m_firstLine = 0;
    const QStringList *m_cells = nullptr;
};

} // namespace billing::billwords
