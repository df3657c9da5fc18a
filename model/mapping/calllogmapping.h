#pragma once

#include "mapping/columnprofile.h"
#include "mapping/sourcerows.h"
#include "usage/linemapping.h"

#include <QHash>

#include <array>
#include <memory>

namespace billing {

class Catalog;

// Reads a call log in its own layout through a call-log column profile: takes each field from the
// profile's column, turns the time into ISO 8601 and API and region names into catalog ids, and leaves
// every check to the strict format's parser (usage/recordparser.h), which names the log's columns.
class CallLogMapping : public LineMapping
{
public:
    CallLogMapping(const ColumnProfile &profile, const Catalog &catalog);

    // The factory for ImportOptions::mapping and the reader's other uses; the profile is checked first.
    static MappingFactory factory(const ColumnProfile &profile, const Catalog &catalog);

    std::unique_ptr<LineMapping> clone() const override;
    Result<Read> read(qint64 line, QByteArrayView text, MappedLine &out) override;
    bool readsRecords() const override { return m_rows.headerRead() && !m_headerFailed; }
    bool headerFailed() const override { return m_headerFailed; }
    bool isJson() const override { return m_rows.format() == SourceRows::Format::JsonLines; }
    QString sourceName(CallField field) const override { return m_source[size_t(field)]; }
    QString timeFormatText() const override;

private:
    Result<Read> readHeader(qint64 line);
    void convertTime(QByteArray &value) const;

    // Shared by clones: what the profile says, resolved once.
    struct Plan
    {
        TimeFormat timeFormat = TimeFormat::Iso8601;
        QByteArray offset;                     // "+08:00" for a local time
        QHash<QByteArray, QByteArray> apis;    // the log's value -> catalog id
        QHash<QByteArray, QByteArray> regions; // the same for regions
    };
    std::shared_ptr<const Plan> m_plan;
    std::array<QString, kCallFieldCount> m_source; // the log's column of each field, or empty
    std::array<int, kCallFieldCount> m_position{}; // CSV: its position in the header
    SourceRows m_rows;
    bool m_headerFailed = false;
};

} // namespace billing
