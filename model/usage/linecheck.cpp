#include "usage/linecheck.h"
#include "usage/tr.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

namespace billing::linecheck {

namespace {

// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
// The messages are the reader's: they keep its context.

QString jsonKey(QByteArrayView raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    // An escaped key: let the JSON parser undo the escapes.
    const QJsonDocument d = QJsonDocument::fromJson("[\"" + raw.toByteArray() + "\"]");
    return d.array().at(0).toString();
}

} // namespace

QString firstLineProblem(qint64 number, QByteArrayView line)
{
    // The trailing CR of a CRLF line is gone: one left inside means CR-only line endings.
    if (line.contains('\r'))
        return crOnlyMessage(number);
    const qsizetype first =
        std::find_if(line.begin(), line.end(), [](char c) { return c != ' ' && c != '\t'; }) - line.begin();
    if (first < line.size() && line[first] == '[')
        return UsageTr::tr(
                   "line %1: the file is a JSON array; JSON Lines is one JSON object per line, without "
                   "[ ] around them (jq -c '.[]' converts an array)")
            .arg(number);
    return {};
}

QString splitMessage(bytescan::SplitError e)
{
    using bytescan::SplitError;
    switch (e) {
    case SplitError::Unclosed:
        return UsageTr::tr("a quoted field is not closed on this line (a quoted field may not span lines)");
    case SplitError::AfterQuote:
        return UsageTr::tr("unexpected text after the closing quote");
    case SplitError::StrayQuote:
        return UsageTr::tr("a quote inside an unquoted field; quote the whole field and double the quote");
    case SplitError::None:
        break;
    }
    return {};
}

QString crOnlyMessage(qint64 number)
{
    return UsageTr::tr("line %1: the line endings are CR only; save the file with LF or CRLF line endings")
        .arg(number);
}

QString duplicateJsonKey(QByteArrayView object)
{
    QStringList keys;
    int depth = 0;
    bool expectKey = false;
    const char *p = object.begin();
    const char *const e = object.end();
    for (; p < e; ++p) {
        const char c = *p;
        if (c == '"') {
            const char *b = ++p;
            while (p < e && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (depth == 1 && expectKey) {
                const QString key = jsonKey(QByteArrayView(b, std::min(p, e)));
                if (keys.contains(key))
                    return key;
                keys << key;
                expectKey = false;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = depth == 1;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',') {
            expectKey = depth == 1;
        }
    }
    return {};
}

} // namespace billing::linecheck
