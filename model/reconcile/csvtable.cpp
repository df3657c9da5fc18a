#include "reconcile/tableparts.h"

#include "usage/bytescan.h"

#include <QScopeGuard>
#include <QStringDecoder>

#include <bit>

namespace billing::tables {

QString at(const QString &name, qint64 line, int column)
{
    if (line <= 0)
        return name;
    if (column <= 0)
        return ReconcileTr::tr("%1, line %2").arg(name).arg(line);
    return ReconcileTr::tr("%1, line %2, column %3").arg(name).arg(line).arg(column);
}

Error bad(const QString &where, const QString &why)
{
    return Error::badData(QStringLiteral("%1: %2").arg(where, why));
}

Error cancelled()
{
    return Error::refused(ReconcileTr::tr("The reconciliation was cancelled."));
}

namespace {

// RFC 4180 records, streaming, with the line each starts on.
class CsvReader
{
public:
    CsvReader(QString name, TableSink &sink) : m_name(std::move(name)), m_sink(sink) {}

    Status run(const ByteSource &source, const std::function<bool(qint64)> &progress)
    {
        if (Status s = m_sink.begin(m_name); !s)
            return s;
        std::vector<char> buf(kChunk);
        bool first = true;
        for (;;) {
            const qint64 n = source(buf.data(), kChunk);
            if (n < 0)
                return bad(m_name, ReconcileTr::tr("the file cannot be read to its end"));
            if (n == 0)
                break;
            const char *p = buf.data();
            const char *end = p + n;
            if (first) {
                first = false;
                if (n >= 2 && ((uchar(p[0]) == 0xFF && uchar(p[1]) == 0xFE) ||
                               (uchar(p[0]) == 0xFE && uchar(p[1]) == 0xFF)))
                    return bad(at(m_name, 1, 0),
                               ReconcileTr::tr("UTF-16 text; save the file as UTF-8 (CSV UTF-8)"));
                if (n >= 3 && uchar(p[0]) == 0xEF && uchar(p[1]) == 0xBB && uchar(p[2]) == 0xBF)
                    p += 3;
            }
            for (; p < end; ++p) {
                // Within a field, the bytes up to the next one that means something go in at once.
                if (m_state == State::Unquoted || m_state == State::Quoted) {
                    const char *q = plainUntil(p, end);
                    if (q > p) {
                        if (Status s = append(p, q - p); !s)
                            return s;
                        p = q;
                        if (p == end)
                            break;
                    }
                }
                if (Status s = feed(*p); !s)
                    return s;
            }
            if (m_skipTable)
                break;
            if (progress && !progress(n))
                return cancelled();
        }
        if (!m_skipTable) {
            if (m_state == State::Quoted)
                return bad(at(m_name, m_recordLine, int(m_cells.size()) + 1),
                           ReconcileTr::tr("a quoted field is not closed before the end of the file"));
            if (m_state != State::FieldStart || !m_cells.empty())
                if (Status s = endRecord(); !s)
                    return s;
        }
        if (m_skipTable)
            return bad(at(m_name, m_skipLine, 0), m_sink.notReadReason());
        if (m_records == 0)
            return bad(m_name, ReconcileTr::tr("the file is empty"));
        return m_sink.end();
    }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    Status feed(char c)
    {
        if (c == '\0')
            return bad(at(m_name, m_line, int(m_cells.size()) + 1),
                       ReconcileTr::tr("binary data, not a CSV text file"));
        if (m_afterCr) {
            m_afterCr = false;
            if (c == '\n')
                return {};
        }
        switch (m_state) {
        case State::FieldStart:
            if (c == '"') {
                m_state = State::Quoted;
                return {};
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted:
            if (c == ',')
                return endField();
            if (c == '\n' || c == '\r') {
                m_afterCr = c == '\r';
                ++m_line;
                return endRecord();
            }
            if (c == '"')
                return bad(at(m_name, m_line, int(m_cells.size()) + 1),
                           ReconcileTr::tr("a quote inside a field that does not start with one"));
            return append(c);
        case State::Quoted:
            if (c == '"') {
                m_state = State::QuoteInQuoted;
                return {};
            }
            if (c == '\n')
                ++m_line;
            return append(c);
        case State::QuoteInQuoted:
            if (c == '"') {
                m_state = State::Quoted;
                return append(c);
            }
            if (c == ',')
                return endField();
            if (c == '\n' || c == '\r') {
                m_afterCr = c == '\r';
                ++m_line;
                return endRecord();
            }
            return bad(at(m_name, m_line, int(m_cells.size()) + 1),
                       ReconcileTr::tr("text after the closing quote of a field"));
        }
        return {};
    }

    // The first byte in [p, e) that a field's state may act on: a comma, quote, line end or NUL.
    static const char *plainUntil(const char *p, const char *e)
    {
        using namespace bytescan;
        for (; e - p >= 8; p += 8) {
            const quint64 w = load8(p);
            if (const quint64 m = bytesEqual(w, ',') | bytesEqual(w, '"') | bytesBelow(w, 14))
                return p + (std::countr_zero(m) >> 3);
        }
        while (p < e && *p != ',' && *p != '"' && uchar(*p) >= 14)
            ++p;
        return p;
    }

    Status append(const char *p, qsizetype n)
    {
        if (m_field.size() + n > kMaxField)
            return bad(at(m_name, m_recordLine, int(m_cells.size()) + 1),
                       ReconcileTr::tr("a field longer than 1 MiB"));
        m_field.append(p, n);
        return {};
    }
    Status append(char c) { return append(&c, 1); }

    Status endField()
    {
        // A column often holds the same text as in the row before (the month, the product, the hour):
        // that text is shared, not decoded and allocated again.
        const auto column = size_t(m_cells.size());
        if (column >= m_last.size())
            m_last.resize(column + 1);
        QString &last = m_last[column];
        if (isAscii(m_field)) {
            if (last.size() != m_field.size() || last != QLatin1StringView(m_field))
                last = QString::fromLatin1(m_field);
        } else {
            QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            last = decode(m_field);
            if (decode.hasError())
                return bad(at(m_name, m_recordLine, int(m_cells.size()) + 1),
                           ReconcileTr::tr("not UTF-8 text; save the file as UTF-8 (CSV UTF-8)"));
        }
        m_cells << last;
        m_field.resize(0); // its buffer kept for the next field
        m_state = State::FieldStart;
        return {};
    }

    static bool isAscii(const QByteArray &b)
    {
        const char *p = b.constData(), *e = p + b.size();
        for (; e - p >= 8; p += 8)
            if (bytescan::load8(p) & bytescan::kHighs)
                return false;
        for (; p < e; ++p)
            if (uchar(*p) >= 0x80)
                return false;
        return true;
    }

    Status endRecord()
    {
        if (Status s = endField(); !s)
            return s;
        const qint64 line = m_recordLine;
        m_recordLine = m_line;
        // The cells are handed on and cleared, their list kept for the next record.
        const QStringList &cells = m_cells;
        const auto clear = qScopeGuard([this] { m_cells.clear(); });
        if (cells.size() == 1 && cells.front().trimmed().isEmpty())
            return {}; // a blank line
        ++m_records;
        if (m_skipTable)
            return {};
        auto take = m_sink.row(line, cells);
        if (!take)
            return take.error();
        if (!*take) {
            m_skipTable = true;
            m_skipLine = line;
        }
        return {};
    }

    QString m_name;
    TableSink &m_sink;
    State m_state = State::FieldStart;
    QByteArray m_field;
    QStringList m_cells;
    std::vector<QString> m_last; // per column, the last field's text
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    qint64 m_records = 0;
    qint64 m_skipLine = 0;
    bool m_afterCr = false;
    bool m_skipTable = false;
};

} // namespace

Status readCsv(const QString &name, TableSink &sink, const ByteSource &source,
               const std::function<bool(qint64)> &progress)
{
    return CsvReader(name, sink).run(source, progress);
}

// One entry's bytes in memory (an XLSX's shared strings, an XLSX inside a ZIP), within the budget.
Result<QByteArray> readEntry(const Zip &zip, zip_uint64_t index, const QString &name, Budget &budget)
{
    zip_file_t *f = zip_fopen_index(zip.get(), index, 0);
    if (!f)
        return bad(
            name,
            ReconcileTr::tr("a damaged archive entry: %1").arg(QString::fromUtf8(zip_strerror(zip.get()))));
    Status failure;
    const ByteSource src = zip.source(f, name, budget, failure);
    QByteArray out;
    std::vector<char> buf(kChunk);
    qint64 n = 0;
    while ((n = src(buf.data(), kChunk)) > 0)
        out.append(buf.data(), n);
    zip_fclose(f);
    if (n < 0)
        return failure.error();
    return out;
}

bool isXlsx(const Zip &zip)
{
    return zip_name_locate(zip.get(), "[Content_Types].xml", 0) >= 0 &&
           zip_name_locate(zip.get(), "xl/workbook.xml", 0) >= 0;
}

} // namespace billing::tables
