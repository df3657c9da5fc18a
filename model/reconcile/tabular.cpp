#include "reconcile/tabular.h"
#include "reconcile/tr.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include <zip.h>

namespace billing {

namespace {

constexpr qint64 kChunk = 1 << 16;
constexpr qsizetype kMaxField = 1 << 20; // a cell of a bill is never a megabyte
constexpr qint64 kRatioFloor = 1 << 20;  // small entries may compress well

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

// A byte source: a file or a ZIP entry. read() returns the bytes read, 0 at the end, -1 on an error.
using ByteSource = std::function<qint64(char *, qint64)>;

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
            for (; p < end; ++p)
                if (Status s = feed(*p); !s)
                    return s;
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

    Status append(char c)
    {
        if (m_field.size() >= kMaxField)
            return bad(at(m_name, m_recordLine, int(m_cells.size()) + 1),
                       ReconcileTr::tr("a field longer than 1 MiB"));
        m_field.append(c);
        return {};
    }

    Status endField()
    {
        QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decode(m_field);
        if (decode.hasError())
            return bad(at(m_name, m_recordLine, int(m_cells.size()) + 1),
                       ReconcileTr::tr("not UTF-8 text; save the file as UTF-8 (CSV UTF-8)"));
        m_cells << text;
        m_field.clear();
        m_state = State::FieldStart;
        return {};
    }

    Status endRecord()
    {
        if (Status s = endField(); !s)
            return s;
        const qint64 line = m_recordLine;
        m_recordLine = m_line;
        QStringList cells;
        cells.swap(m_cells);
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
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    qint64 m_records = 0;
    qint64 m_skipLine = 0;
    bool m_afterCr = false;
    bool m_skipTable = false;
};

// Running totals of what an archive expanded to, against the limits.
struct Budget
{
    const ReadLimits &limits;
    qint64 used = 0;
};

class Zip
{
public:
    ~Zip()
    {
        if (m_zip)
            zip_discard(m_zip);
    }
    // Opens a file, or bytes held in memory (an XLSX inside a ZIP).
    Status open(const QString &path, const QString &name)
    {
        int err = 0;
        m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
        return opened(name, err);
    }
    Status open(const QByteArray &bytes, const QString &name)
    {
        m_bytes = bytes;
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *src =
            zip_source_buffer_create(m_bytes.constData(), zip_uint64_t(m_bytes.size()), 0, &error);
        if (src) {
            m_zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
            if (!m_zip)
                zip_source_free(src);
        }
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return opened(name, code);
    }
    zip_t *get() const { return m_zip; }

    // The names of its files (no folders), in archive order, checked against the limits.
    Result<std::vector<std::pair<QString, zip_uint64_t>>> entries(const QString &name, Budget &budget) const
    {
        std::vector<std::pair<QString, zip_uint64_t>> out;
        const zip_int64_t n = zip_get_num_entries(m_zip, 0);
        qint64 declared = 0;
        for (zip_int64_t i = 0; i < n; ++i) {
            zip_stat_t st;
            zip_stat_init(&st);
            if (zip_stat_index(m_zip, zip_uint64_t(i), 0, &st) != 0)
                return bad(name, ReconcileTr::tr("a damaged archive: entry %1 cannot be read").arg(i + 1));
            const QString entry = QString::fromUtf8(st.name);
            if (entry.endsWith(u'/'))
                continue;
            const qint64 size = qint64(std::min<zip_uint64_t>(st.size, zip_uint64_t(1) << 62));
            declared += size;
            if (size > kRatioFloor && qint64(st.comp_size) * budget.limits.maxRatio < size)
                return bad(name + QStringLiteral(" \u203a ") + entry,
                           ReconcileTr::tr("expands more than %1 times; refused as a possible ZIP bomb")
                               .arg(budget.limits.maxRatio));
            if (budget.used + declared > budget.limits.maxUncompressed)
                return bad(name,
                           ReconcileTr::tr("expands to more than %1 MiB; refused as a possible ZIP bomb")
                               .arg(budget.limits.maxUncompressed >> 20));
            out.emplace_back(entry, zip_uint64_t(i));
        }
        return out;
    }

    // A byte source on one entry that counts against the budget (declared sizes may lie).
    ByteSource source(zip_file_t *file, const QString &name, Budget &budget, Status &failure) const
    {
        return [file, name, &budget, &failure](char *buf, qint64 n) -> qint64 {
            const zip_int64_t got = zip_fread(file, buf, zip_uint64_t(n));
            if (got < 0) {
                failure =
                    bad(name, ReconcileTr::tr("a damaged archive entry: %1")
                                  .arg(QString::fromUtf8(zip_error_strerror(zip_file_get_error(file)))));
                return -1;
            }
            budget.used += got;
            if (budget.used > budget.limits.maxUncompressed) {
                failure =
                    bad(name, ReconcileTr::tr("expands to more than %1 MiB; refused as a possible ZIP bomb")
                                  .arg(budget.limits.maxUncompressed >> 20));
                return -1;
            }
            return got;
        };
    }

private:
    Status opened(const QString &name, int code)
    {
        if (m_zip)
            return {};
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        const QString why = QString::fromUtf8(zip_error_strerror(&e));
        zip_error_fini(&e);
        return bad(name, ReconcileTr::tr("a damaged ZIP archive or XLSX workbook (%1)").arg(why));
    }
    zip_t *m_zip = nullptr;
    QByteArray m_bytes;
};

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

// Column letters of a cell reference ("AB12") → 0-based index; -1 when there are none.
int columnOf(QStringView ref)
{
    int col = 0;
    qsizetype i = 0;
    for (; i < ref.size() && ref[i].isLetter(); ++i)
        col = col * 26 + (ref[i].toUpper().unicode() - 'A' + 1);
    return i == 0 || col > 16384 ? -1 : col - 1;
}

// A number cell's text as a plain decimal: "1.5E-3" → "0.0015", exactly, by moving the point.
QString plainNumber(const QString &v)
{
    const qsizetype e = v.indexOf(QRegularExpression(QStringLiteral("[eE]")));
    if (e < 0)
        return v;
    bool ok = false;
    const int exp = v.mid(e + 1).toInt(&ok);
    if (!ok || exp > 40 || exp < -40)
        return v;
    QString mantissa = v.left(e);
    const bool negative = mantissa.startsWith(u'-');
    if (negative || mantissa.startsWith(u'+'))
        mantissa.remove(0, 1);
    qsizetype point = mantissa.indexOf(u'.');
    if (point < 0)
        point = mantissa.size();
    QString digits = mantissa;
    digits.remove(u'.');
    qsizetype newPoint = point + exp;
    while (newPoint <= 0) {
        digits.prepend(u'0');
        ++newPoint;
    }
    while (newPoint > digits.size())
        digits.append(u'0');
    QString out = digits.left(newPoint);
    const QString frac = digits.mid(newPoint);
    if (!frac.isEmpty())
        out += u'.' + frac;
    while (out.size() > 1 && out.startsWith(u'0') && out[1] != u'.')
        out.remove(0, 1);
    return negative ? u'-' + out : out;
}

class XlsxReader
{
public:
    XlsxReader(const Zip &zip, QString name, TableSink &sink, Budget &budget)
        : m_zip(zip), m_name(std::move(name)), m_sink(sink), m_budget(budget)
    {
    }

    Status run()
    {
        auto entries = m_zip.entries(m_name, m_budget);
        if (!entries)
            return entries.error();
        std::map<int, zip_uint64_t> sheets;
        static const QRegularExpression sheetName(QStringLiteral("^xl/worksheets/sheet(\\d+)\\.xml$"));
        for (const auto &[entry, index] : *entries) {
            if (entry == QLatin1String("xl/sharedStrings.xml")) {
                if (Status s = readSharedStrings(index); !s)
                    return s;
            } else if (const auto m = sheetName.match(entry); m.hasMatch()) {
                sheets[m.captured(1).toInt()] = index;
            }
        }
        if (sheets.empty())
            return bad(m_name, ReconcileTr::tr("a damaged XLSX workbook: it has no worksheet"));
        QString firstReason;
        qint64 firstLine = 0;
        QString firstSheet;
        for (const auto &[number, index] : sheets) {
            const QString sheet = ReconcileTr::tr("%1 \u203a sheet %2").arg(m_name).arg(number);
            auto read = readSheet(index, sheet);
            if (!read)
                return read.error();
            if (*read)
                return {};
            if (firstSheet.isEmpty()) {
                firstSheet = sheet;
                firstLine = m_skippedAt;
                firstReason = m_sink.notReadReason();
            }
        }
        return bad(at(firstSheet, firstLine, 0), firstReason);
    }

private:
    // Reads XML from an entry in chunks, as QXmlStreamReader asks for more.
    template <typename OnToken> Status parse(zip_uint64_t index, const QString &name, OnToken &&onToken)
    {
        zip_file_t *f = zip_fopen_index(m_zip.get(), index, 0);
        if (!f)
            return bad(name, ReconcileTr::tr("a damaged XLSX workbook: %1")
                                 .arg(QString::fromUtf8(zip_strerror(m_zip.get()))));
        std::unique_ptr<zip_file_t, int (*)(zip_file_t *)> closer(f, zip_fclose);
        Status failure;
        const ByteSource src = m_zip.source(f, name, m_budget, failure);
        QXmlStreamReader xml;
        std::vector<char> buf(kChunk);
        bool atEnd = false;
        for (;;) {
            const QXmlStreamReader::TokenType t = xml.readNext();
            if (t == QXmlStreamReader::Invalid) {
                if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && !atEnd) {
                    const qint64 n = src(buf.data(), kChunk);
                    if (n < 0)
                        return failure;
                    if (n == 0)
                        atEnd = true;
                    else
                        xml.addData(QByteArray(buf.data(), n));
                    continue;
                }
                return bad(at(name, xml.lineNumber(), int(xml.columnNumber())),
                           ReconcileTr::tr("a damaged XLSX workbook: %1").arg(xml.errorString()));
            }
            if (t == QXmlStreamReader::EndDocument)
                return {};
            auto go = onToken(xml);
            if (!go)
                return go.error();
            if (!*go)
                return {};
        }
    }

    Status readSharedStrings(zip_uint64_t index)
    {
        const QString name = m_name + QStringLiteral(" \u203a xl/sharedStrings.xml");
        QString current;
        int depthInPhonetic = 0;
        bool inText = false;
        return parse(index, name, [&](QXmlStreamReader &xml) -> Result<bool> {
            if (xml.isStartElement()) {
                if (xml.name() == QLatin1String("si"))
                    current.clear();
                else if (xml.name() == QLatin1String("rPh"))
                    ++depthInPhonetic;
                else if (xml.name() == QLatin1String("t"))
                    inText = depthInPhonetic == 0;
            } else if (xml.isEndElement()) {
                if (xml.name() == QLatin1String("si"))
                    m_shared << current;
                else if (xml.name() == QLatin1String("rPh"))
                    --depthInPhonetic;
                else if (xml.name() == QLatin1String("t"))
                    inText = false;
            } else if (xml.isCharacters() && inText) {
                current += xml.text();
            }
            return true;
        });
    }

    // true: the sink read the sheet; false: it did not take it (m_skippedAt: the row it stopped at).
    Result<bool> readSheet(zip_uint64_t index, const QString &sheet)
    {
        if (Status s = m_sink.begin(sheet); !s)
            return s.error();
        QStringList cells;
        qint64 rowNumber = 0;
        int column = -1;
        QString type;
        QString value;
        bool inValue = false;
        bool skipped = false;
        qint64 rows = 0;
        qint64 firstRow = 0;
        Status parsed = parse(index, sheet, [&](QXmlStreamReader &xml) -> Result<bool> {
            if (xml.isStartElement()) {
                const auto name = xml.name();
                if (name == QLatin1String("row")) {
                    const auto r = xml.attributes().value(QLatin1String("r"));
                    rowNumber = r.isEmpty() ? rowNumber + 1 : r.toLongLong();
                    cells.clear();
                } else if (name == QLatin1String("c")) {
                    const int c = columnOf(xml.attributes().value(QLatin1String("r")));
                    column = c >= 0 ? c : int(cells.size());
                    type = xml.attributes().value(QLatin1String("t")).toString();
                    value.clear();
                } else if (name == QLatin1String("v") || name == QLatin1String("t")) {
                    inValue = true;
                }
            } else if (xml.isEndElement()) {
                const auto name = xml.name();
                if (name == QLatin1String("v") || name == QLatin1String("t")) {
                    inValue = false;
                } else if (name == QLatin1String("c")) {
                    QString text = value;
                    if (type == QLatin1String("s")) {
                        bool ok = false;
                        const qsizetype i = value.toLongLong(&ok);
                        if (!ok || i < 0 || i >= m_shared.size())
                            return bad(
                                at(sheet, rowNumber, column + 1),
                                ReconcileTr::tr("a damaged XLSX workbook: shared string %1 does not exist")
                                    .arg(value));
                        text = m_shared.at(i);
                    } else if (type.isEmpty() || type == QLatin1String("n")) {
                        text = plainNumber(value.trimmed());
                    }
                    while (cells.size() <= column)
                        cells << QString();
                    cells[column] = text;
                } else if (name == QLatin1String("row")) {
                    bool blank = true;
                    for (const QString &c : std::as_const(cells))
                        blank = blank && c.trimmed().isEmpty();
                    if (blank)
                        return true;
                    if (rows++ == 0)
                        firstRow = rowNumber;
                    auto take = m_sink.row(rowNumber, cells);
                    if (!take)
                        return take.error();
                    if (!*take) {
                        skipped = true;
                        m_skippedAt = rowNumber;
                        return false;
                    }
                }
            } else if (xml.isCharacters() && inValue) {
                value += xml.text();
            }
            return true;
        });
        if (!parsed)
            return parsed.error();
        if (skipped)
            return false;
        if (rows == 0 || !m_sink.recognized()) {
            m_skippedAt = rows == 0 ? 0 : firstRow;
            return false;
        }
        if (Status s = m_sink.end(); !s)
            return s.error();
        return true;
    }

    const Zip &m_zip;
    QString m_name;
    TableSink &m_sink;
    Budget &m_budget;
    QStringList m_shared;
    qint64 m_skippedAt = 0;
};

bool isXlsx(const Zip &zip)
{
    return zip_name_locate(zip.get(), "[Content_Types].xml", 0) >= 0 &&
           zip_name_locate(zip.get(), "xl/workbook.xml", 0) >= 0;
}

Status readArchive(const Zip &zip, const QString &name, TableSink &sink, Budget &budget,
                   const ReadProgress &progress, qint64 total)
{
    if (isXlsx(zip))
        return XlsxReader(zip, name, sink, budget).run();
    auto entries = zip.entries(name, budget);
    if (!entries)
        return entries.error();
    int tables = 0;
    qint64 done = 0;
    for (const auto &[entry, index] : *entries) {
        if (entry.startsWith(QLatin1String("__MACOSX/")))
            continue;
        const QString inner = name + QStringLiteral(" \u203a ") + entry;
        const QString lower = entry.toLower();
        zip_stat_t st;
        zip_stat_init(&st);
        zip_stat_index(zip.get(), index, 0, &st);
        if (lower.endsWith(QLatin1String(".csv"))) {
            zip_file_t *f = zip_fopen_index(zip.get(), index, 0);
            if (!f)
                return bad(inner, ReconcileTr::tr("a damaged archive entry: %1")
                                      .arg(QString::fromUtf8(zip_strerror(zip.get()))));
            std::unique_ptr<zip_file_t, int (*)(zip_file_t *)> closer(f, zip_fclose);
            Status failure;
            Status s = CsvReader(inner, sink).run(zip.source(f, inner, budget, failure), {});
            if (!failure)
                return failure;
            if (!s)
                return s;
        } else if (lower.endsWith(QLatin1String(".xlsx"))) {
            auto bytes = readEntry(zip, index, inner, budget);
            if (!bytes)
                return bytes.error();
            Zip book;
            if (Status s = book.open(*bytes, inner); !s)
                return s;
            if (!isXlsx(book))
                return bad(inner, ReconcileTr::tr("a damaged XLSX workbook: it has no workbook part"));
            if (Status s = XlsxReader(book, inner, sink, budget).run(); !s)
                return s;
        } else {
            return bad(inner, ReconcileTr::tr("not a CSV or XLSX file; an archive may hold only those"));
        }
        ++tables;
        done += qint64(st.comp_size);
        if (progress && !progress(std::min(done, total), total))
            return cancelled();
    }
    if (tables == 0)
        return bad(name, ReconcileTr::tr("the archive holds no CSV or XLSX file"));
    return {};
}

} // namespace

Status readTables(const QString &path, TableSink &sink, const ReadLimits &limits,
                  const ReadProgress &progress)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (QFileInfo(path).isDir())
        return bad(name, ReconcileTr::tr("a folder, not a file"));
    if (!file.open(QIODevice::ReadOnly))
        return bad(name, ReconcileTr::tr("cannot be read: %1").arg(file.errorString()));
    const qint64 total = file.size();
    const QByteArray magic = file.peek(4);
    Budget budget{limits};
    if (magic.startsWith("PK\x03\x04") || magic.startsWith("PK\x05\x06")) {
        file.close();
        Zip zip;
        if (Status s = zip.open(path, name); !s)
            return s;
        return readArchive(zip, name, sink, budget, progress, total);
    }
    qint64 done = 0;
    return CsvReader(name, sink)
        .run([&](char *buf, qint64 n) { return file.read(buf, n); },
             [&](qint64 n) {
                 done += n;
                 return !progress || progress(done, total);
             });
}

} // namespace billing
