#include "reconcile/tableparts.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

#include <map>
#include <memory>

namespace billing::tables {

namespace {

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

} // namespace

Status readXlsx(const Zip &zip, const QString &name, TableSink &sink, Budget &budget)
{
    return XlsxReader(zip, name, sink, budget).run();
}

} // namespace billing::tables
