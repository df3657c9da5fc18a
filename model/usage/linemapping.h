#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <cmath>
#include <functional>
#include <memory>

namespace billing {

// The fields of a call record, in the order of the strict format's columns (cli-contract "Call-record
// files"): timestamp, api, region, status, enterprise_project, request_id, count.
enum class CallField { Timestamp, Api, Region, Status, Project, RequestId, Count };
inline constexpr int kCallFieldCount = 7;
inline constexpr int kRequiredCallFields = 4; // timestamp, api, region, status
// The strict format's column names, which are also the field ids of call-log column profiles.
inline constexpr const char *kCallFieldNames[kCallFieldCount] = {
    "timestamp", "api", "region", "status", "enterprise_project", "request_id", "count"};

// A JSON number as a call-record field's text: whole numbers become their digits; anything else keeps
// a form that the digit checks refuse.
inline QByteArray jsonNumberText(double d)
{
    return std::trunc(d) == d && std::fabs(d) < 1e15 ? QByteArray::number(qint64(d))
                                                     : QByteArray::number(d, 'g', 17);
}

// One line of a log in another layout, as a column mapping read it: the canonical text of each field
// it gives (an ISO 8601 time, a catalog id, the digits of a status...), or the one field it could not
// translate and why.
struct MappedLine
{
    std::array<QByteArray, kCallFieldCount> value;
    std::array<bool, kCallFieldCount> present{};
    QByteArray sourceTime; // the time as the log wrote it, for messages when it was converted
    int badField = -1;     // a CallField the mapping refused, with badReason
    QString badReason;
};

// A log in another layout read through a column mapping (model/mapping/): the mapping turns each line
// into canonical fields and RecordParser checks them exactly as it checks the strict format, so the
// two cannot drift apart. Implementations hold the state of one reading (the header seen): each block
// parsed on a worker gets its own clone().
class LineMapping
{
public:
    enum class Read { Header, Record };
    virtual ~LineMapping() = default;
    virtual std::unique_ptr<LineMapping> clone() const = 0;
    // Reads one non-blank line (BOM, line end and UTF-8 already checked). A line-level error (a CSV
    // quote, not a JSON object, a bad header) is a translated message naming the line; a field the
    // mapping cannot translate goes into out.badField.
    virtual Result<Read> read(qint64 line, QByteArrayView text, MappedLine &out) = 0;
    virtual bool readsRecords() const = 0; // the header was read (CSV) or the log is JSON Lines
    virtual bool headerFailed() const = 0; // no record can be read past the last error
    virtual bool isJson() const = 0;
    // The log's own name of the column (CSV) or key (JSON Lines) that gives a field.
    virtual QString sourceName(CallField field) const = 0;
    // How the log writes times when it is not ISO 8601 ("YYYY-MM-DD HH:MM:SS at UTC+08:00"), else empty.
    virtual QString timeFormatText() const = 0;
};

// Makes a fresh mapping for one reading of a file (imports, checks and previews each read from the start).
using MappingFactory = std::function<std::unique_ptr<LineMapping>()>;

} // namespace billing
