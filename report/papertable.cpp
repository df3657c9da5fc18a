#include "papertable.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace billing::report {

namespace {
constexpr qreal MinNameChars = 10; // a name column narrower than this many average characters is unreadable
constexpr qreal Slack = 2;         // rounding in the text layout: a column exactly as wide as its text wraps

struct Need
{
    qreal natural = 0; // the widest cell on one line
    qreal minimum = 0; // the narrowest the column may be
};

// QTextDocument reads lengths (widths, padding) as CSS pixels, 96 to the inch, and scales them to the
// device; fonts are measured in the device's own pixels.
qreal cssPixel(QPaintDevice *device)
{
    return device ? device->logicalDpiX() / 96.0 : 1.0;
}

qreal widestWord(const QString &text, const QFontMetricsF &metrics)
{
    qreal widest = 0;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (const QString &word : text.split(space, Qt::SkipEmptyParts))
        widest = std::max(widest, metrics.horizontalAdvance(word));
    return widest;
}
} // namespace

QList<qreal> fitColumns(const PaperTable &table, const QFont &font, QPaintDevice *device, qreal width)
{
    QFont boldFont = font;
    boldFont.setWeight(QFont::DemiBold);
    const QFontMetricsF regular(font, device);
    const QFontMetricsF bold(boldFont, device);
    const qreal extra = (2 * PaperTable::Padding + Slack) * cssPixel(device);

    QList<Need> needs(table.titles.size());
    for (qsizetype c = 0; c < needs.size(); ++c) {
        const bool name = c < table.textColumns;
        // Titles wrap between words in every column.
        needs[c].natural = bold.horizontalAdvance(table.titles.at(c));
        needs[c].minimum = widestWord(table.titles.at(c), bold);
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            const QFontMetricsF &m = r >= table.rows.size() - table.boldRows ? bold : regular;
            const qreal w = m.horizontalAdvance(table.rows.at(r).value(c));
            needs[c].natural = std::max(needs[c].natural, w);
            if (!name)
                needs[c].minimum = std::max(needs[c].minimum, w); // numbers are never broken
        }
        if (name)
            needs[c].minimum = std::max(
                needs[c].minimum, std::min(needs[c].natural, MinNameChars * regular.averageCharWidth()));
        needs[c].natural += extra;
        needs[c].minimum += extra;
    }
    const qreal minimum = std::accumulate(needs.cbegin(), needs.cend(), 0.0,
                                          [](qreal s, const Need &n) { return s + n.minimum; });
    if (minimum > width)
        return {};
    // What is left over fills the columns that want more, the least demanding first (a short name gets
    // its whole width before a long one gets more); once every column has its natural width, the rest is
    // spread evenly.
    QList<qreal> widths;
    QList<qsizetype> order;
    for (qsizetype c = 0; c < needs.size(); ++c) {
        widths << needs[c].minimum;
        order << c;
    }
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return needs[a].natural - needs[a].minimum < needs[b].natural - needs[b].minimum;
    });
    qreal left = width - minimum;
    for (qsizetype i = 0; i < order.size(); ++i) {
        const Need &n = needs[order[i]];
        const qreal give = std::min(n.natural - n.minimum, left / qreal(order.size() - i));
        widths[order[i]] += give;
        left -= give;
    }
    for (qreal &w : widths)
        w += left / qreal(widths.size());
    return widths;
}

QString paperTableHtml(const PaperTable &table, const QList<qreal> &widths, const QFont &font,
                       QPaintDevice *device)
{
    QFont boldFont = font;
    boldFont.setWeight(QFont::DemiBold);
    const QFontMetricsF regular(font, device);
    const QFontMetricsF bold(boldFont, device);
    // One line per row: a name wider than its column is shortened in the middle (ids differ at their
    // ends), so that no row is taller than a line and none is split between two pages.
    auto fitted = [&](const QString &text, qsizetype column, bool total) {
        if (column >= widths.size())
            return text;
        const qreal room = widths.at(column) - (2 * PaperTable::Padding + Slack) * cssPixel(device);
        return (total ? bold : regular).elidedText(text, Qt::ElideMiddle, room);
    };
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    QString h = QStringLiteral("<table class=\"lines\" cellspacing=\"0\" cellpadding=\"%1\"><thead><tr>")
                    .arg(PaperTable::Padding);
    for (qsizetype c = 0; c < table.titles.size(); ++c) {
        const QString width =
            c < widths.size() ? QStringLiteral(" width=\"%1\"").arg(qFloor(widths.at(c) / cssPixel(device)))
                              : QString();
        h += QStringLiteral("<th align=\"%1\"%2>%3</th>")
                 .arg(c < table.textColumns ? QStringLiteral("left") : QStringLiteral("right"), width,
                      esc(table.titles.at(c)));
    }
    h += QStringLiteral("</tr></thead>");
    if (table.rows.size() <= table.boldRows && !table.empty.isEmpty())
        h += QStringLiteral("<tr><td colspan=\"%1\">%2</td></tr>")
                 .arg(table.titles.size())
                 .arg(esc(table.empty));
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        const bool total = r >= table.rows.size() - table.boldRows;
        h += total || r % 2 == 0 ? QStringLiteral("<tr>") : QStringLiteral("<tr bgcolor=\"#f3f5f8\">");
        const QStringList &cells = table.rows.at(r);
        for (qsizetype c = 0; c < table.titles.size(); ++c) {
            const bool name = c < table.textColumns;
            h += QStringLiteral("<td%1%2>%3</td>")
                     .arg(name ? QString() : QStringLiteral(" align=\"right\""),
                          total ? QStringLiteral(" class=\"total\"") : QString(),
                          esc(name ? fitted(cells.value(c), c, total) : cells.value(c)));
        }
        h += QStringLiteral("</tr>");
    }
    return h + QStringLiteral("</table>");
}

} // namespace billing::report
